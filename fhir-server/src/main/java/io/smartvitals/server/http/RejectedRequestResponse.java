package io.smartvitals.server.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Answers a request Spring Security's {@code StrictHttpFirewall} refused (path parameters such as
 * {@code /fhir/B;x=A/Patient}, encoded slashes, non-normalised paths) with a 400 the client can
 * read: an OperationOutcome, like every other FHIR error, instead of the container's error page.
 * The firewall's message may echo the request, so it is not repeated.
 */
public class RejectedRequestResponse implements RequestRejectedHandler {

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected) throws IOException {
		response.setHeader("Cache-Control", "no-store");
		OperationOutcomeResponse.write(response, HttpServletResponse.SC_BAD_REQUEST, "invalid",
				"The request URL is not allowed (path parameters, encoded or non-normalised path segments)");
	}
}
