package io.smartvitals.server.http;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Writes a one-issue OperationOutcome from a servlet filter, where HAPI's exception handling is
 * not in reach yet. Diagnostics are fixed server text, never request input, so no escaping.
 */
final class OperationOutcomeResponse {

	private OperationOutcomeResponse() {}

	/** A guard's refusal that could not be recorded: still refused, but as 503, not as evidence that exists. */
	static void auditUnavailable(HttpServletResponse response) throws IOException {
		write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "transient",
				"The request was refused, and the refusal could not be recorded in the audit trail");
	}

	static void write(HttpServletResponse response, int status, String issueCode, String diagnostics) throws IOException {
		response.setStatus(status);
		response.setContentType("application/fhir+json;charset=utf-8");
		response.getWriter().write("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\""
				+ issueCode + "\",\"diagnostics\":\"" + diagnostics + "\"}]}");
	}
}
