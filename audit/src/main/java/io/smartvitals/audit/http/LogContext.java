package io.smartvitals.audit.http;

import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * What every log line of a request carries (SLF4J MDC; structured JSON logs print it as fields):
 * the request id, the tenant of the URL and, once it is authenticated, the client. Identifiers
 * only; never a token, secret or anything about a patient.
 */
public final class LogContext {

	public static final String REQUEST_ID = RequestId.ATTRIBUTE;
	public static final String TENANT = "vitals.tenant";
	public static final String CLIENT = "vitals.client";
	// Anything else in the path (control characters, padding, a sprayed id) is not logged verbatim.
	private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private LogContext() {}

	/** Puts the tenant named by {@code /fhir/{t}/..}, {@code /auth/{t}/..} or {@code /admin/tenants/{t}/..}, if any. */
	public static void tenantOfPath(String path) {
		String tenant = TenantPath.segment(path);
		if (tenant != null) {
			MDC.put(TENANT, PLAIN.matcher(tenant).matches() ? tenant : "(invalid)");
		}
	}

	public static void client(String clientId) {
		if (clientId != null && PLAIN.matcher(clientId).matches()) {
			MDC.put(CLIENT, clientId);
		}
	}

	static void clear() {
		MDC.remove(REQUEST_ID);
		MDC.remove(TENANT);
		MDC.remove(CLIENT);
	}
}
