package io.smartvitals.server.http;

import io.smartvitals.audit.http.RefusalEvidence;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Answers requests that Spring Security's firewall refuses (path parameters such as
 * {@code /fhir/B;x=A/Patient}, encoded slashes, non-normalised paths) with a 400 the caller can
 * read: an OperationOutcome under {@code /fhir}, an OAuth-style JSON error elsewhere. Without it
 * they fall through to Spring's generic error page, which is neither. Each refusal is recorded
 * (rule {@value #RULE}) before it is answered.
 */
public class FirewallRejection implements RequestRejectedHandler {

	public static final String RULE = "http-firewall";
	private final RefusalEvidence evidence;

	public FirewallRejection(RefusalEvidence evidence) {
		this.evidence = evidence;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
			throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.resetBuffer();
		response.setHeader("Cache-Control", "no-store");
		String path = request.getRequestURI();
		boolean fhir = path != null && path.startsWith(request.getContextPath() + "/fhir");
		if (!recordedByAdminAudit(request) && !evidence.record(request, HttpServletResponse.SC_BAD_REQUEST, RULE)) {
			if (fhir) {
				OperationOutcomeResponse.auditUnavailable(response);
			} else {
				json(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "temporarily_unavailable",
						"The request was refused, and the refusal could not be recorded in the audit trail");
			}
			return;
		}
		if (fhir) {
			OperationOutcomeResponse.write(response, HttpServletResponse.SC_BAD_REQUEST, "invalid",
					"The request URL is not allowed (path parameters, encoded separators or non-normalised segments)");
			return;
		}
		json(response, HttpServletResponse.SC_BAD_REQUEST, "invalid_request", "The request URL is not allowed");
	}

	/**
	 * {@code /admin/*} (as the container mapped it, path parameters and dot segments resolved) runs
	 * through the admin audit filter, which sits in front of the firewall and records this answer already.
	 */
	private static boolean recordedByAdminAudit(HttpServletRequest request) {
		String mapped = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
		return mapped.equals("/admin") || mapped.startsWith("/admin/");
	}

	private static void json(HttpServletResponse response, int status, String error, String description) throws IOException {
		response.setStatus(status);
		response.setContentType("application/json;charset=utf-8");
		response.getWriter().write("{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}");
	}
}
