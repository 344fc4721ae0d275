package io.smartvitals.smart.auth.pages;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * The page for OAuth errors that must not redirect (RFC 6749 4.1.2.1: unknown client, or a
 * redirect URI that does not match): 400 with the error code and description as escaped text,
 * truncated, so a hostile parameter cannot put markup on the page (ATTACKS X3).
 */
public final class AuthorizationErrorPage {

	private static final Pattern ERROR_CODE = Pattern.compile("[a-z_]{1,40}");
	static final int MAX_DESCRIPTION = 300;

	private AuthorizationErrorPage() {}

	public static void render(HttpServletResponse response, String error, String description) throws IOException {
		render(response, HttpServletResponse.SC_BAD_REQUEST, error, description);
	}

	public static void render(HttpServletResponse response, int status, String error, String description) throws IOException {
		String code = error != null && ERROR_CODE.matcher(error).matches() ? error : "invalid_request";
		String text = description == null ? "" : description;
		if (text.length() > MAX_DESCRIPTION) {
			text = text.substring(0, MAX_DESCRIPTION) + "...";
		}
		HtmlPage.of("error", "Authorization error").with("error", code).with("description", text).send(response, status);
	}
}
