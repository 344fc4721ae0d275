package io.smartvitals.server.config;

import org.springframework.core.Ordered;

/**
 * The order of every servlet filter of ours, in one place, outermost first. All of them run before
 * Spring Session's (order {@code HIGHEST_PRECEDENCE + 50}) and Spring Security's filter chains.
 */
public enum ServletFilterOrder {
	/** Every request gets its id first: every later refusal and log line carries it. */
	REQUEST_ID,
	/** The database connections of the request see only its URL's tenant (row-level security). */
	TENANT_ROW_SCOPE,
	/** Only configured host names are served; issuer URLs are built from the host. */
	ALLOWED_HOSTS,
	/** CORS preflights of the FHIR API are answered before any credential is asked for. */
	FHIR_CORS,
	/** Admin calls are recorded, refused ones too, so it wraps the operator-token check. */
	ADMIN_AUDIT,
	OPERATOR_TOKEN,
	ACTUATOR_TOKEN,
	/** Path tricks (encoded separators, dot segments) are refused before HAPI parses the path. */
	FHIR_PATH,
	REQUEST_BODY_LIMIT,
	SMART_CONFIGURATION;

	public int order() {
		return Ordered.HIGHEST_PRECEDENCE + ordinal();
	}
}
