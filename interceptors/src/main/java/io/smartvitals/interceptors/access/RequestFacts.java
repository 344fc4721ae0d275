package io.smartvitals.interceptors.access;

import static io.smartvitals.audit.fhir.RequestFacts.ACTOR;
import static io.smartvitals.audit.fhir.RequestFacts.CLIENT;
import static io.smartvitals.audit.fhir.RequestFacts.DECISION;
import static io.smartvitals.audit.fhir.RequestFacts.FHIR_USER;
import static io.smartvitals.audit.fhir.RequestFacts.PATIENT;
import static io.smartvitals.audit.fhir.RequestFacts.REQUEST_ID;
import static io.smartvitals.audit.fhir.RequestFacts.RULE;
import static io.smartvitals.audit.fhir.RequestFacts.SCOPES;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import io.smartvitals.interceptors.token.TokenVerdict;
import java.util.Map;

/**
 * Writes the per-request security facts into {@link RequestDetails#getUserData()} under the keys
 * the audit trail reads ({@link io.smartvitals.audit.fhir.RequestFacts}, all String values), plus
 * the verified token itself for the enforcement hooks of the same request.
 */
public final class RequestFacts {

	private static final String TOKEN = "vitals.token";

	private RequestFacts() {}

	static void recordToken(RequestDetails request, TokenVerdict.Valid token, String scopeText) {
		Map<Object, Object> data = request.getUserData();
		data.put(TOKEN, token);
		putIfPresent(data, ACTOR, token.subject());
		putIfPresent(data, CLIENT, token.clientId());
		putIfPresent(data, SCOPES, scopeText);
		putIfPresent(data, PATIENT, token.patient());
		putIfPresent(data, FHIR_USER, token.fhirUser());
		putIfPresent(data, REQUEST_ID, request.getRequestId());
	}

	/** The token verified for this request, or null (public endpoint, or enforcement off). */
	public static TokenVerdict.Valid token(RequestDetails request) {
		return request == null ? null : (TokenVerdict.Valid) request.getUserData().get(TOKEN);
	}

	public static void allow(RequestDetails request, String rule) {
		request.getUserData().put(DECISION, "allow");
		request.getUserData().put(RULE, rule);
	}

	public static void deny(RequestDetails request, String rule) {
		request.getUserData().put(DECISION, "deny");
		request.getUserData().put(RULE, rule);
		putIfPresent(request.getUserData(), REQUEST_ID, request.getRequestId());
	}

	private static void putIfPresent(Map<Object, Object> data, String key, String value) {
		if (value != null) {
			data.put(key, value);
		}
	}
}
