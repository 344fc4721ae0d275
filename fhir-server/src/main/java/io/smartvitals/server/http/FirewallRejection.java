package io.smartvitals.server.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Answers requests that Spring Security's firewall refuses (path parameters such as
 * {@code /fhir/B;x=A/Patient}, encoded slashes, non-normalised paths) with a 400 the caller can
 * read: an OperationOutcome under {@code /fhir}, an OAuth-style JSON error elsewhere. Without it
 * they fall through to Spring's generic error page, which is neither.
 */
public class FirewallRejection implements RequestRejectedHandler {

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
			throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.resetBuffer();
		response.setHeader("Cache-Control", "no-store");
		String path = request.getRequestURI();
		if (path != null && path.startsWith(request.getContextPath() + "/fhir")) {
			OperationOutcomeResponse.write(response, HttpServletResponse.SC_BAD_REQUEST, "invalid",
					"The request URL is not allowed (path parameters, encoded separators or non-normalised segments)");
			return;
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		response.setContentType("application/json;charset=utf-8");
		response.getWriter().write("{\"error\":\"invalid_request\",\"error_description\":\"The request URL is not allowed\"}");
	}
}
