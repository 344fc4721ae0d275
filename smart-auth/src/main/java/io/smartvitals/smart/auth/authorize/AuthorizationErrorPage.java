package io.smartvitals.smart.auth.authorize;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.util.HtmlUtils;

/**
 * The page shown when an authorization error must not be redirected (unknown client or redirect
 * URI, RFC 6749 section 4.1.2.1). Every value is escaped, so nothing from the request becomes markup.
 */
public final class AuthorizationErrorPage {

	private AuthorizationErrorPage() {}

	public static void render(HttpServletResponse response, String error, String description) throws IOException {
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		response.setContentType("text/html;charset=UTF-8");
		response.setHeader("Cache-Control", "no-store");
		response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("Referrer-Policy", "no-referrer");
		response.getWriter().write("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Authorization error</title></head>"
				+ "<body><h1>This app's sign-in request cannot be completed</h1>"
				+ "<p>Error: <code>" + HtmlUtils.htmlEscape(error == null ? "invalid_request" : error) + "</code></p>"
				+ "<p>" + HtmlUtils.htmlEscape(description == null ? "" : description) + "</p>"
				+ "<p>You have not been sent back to the app, because it could not be identified safely.</p></body></html>");
	}
}
