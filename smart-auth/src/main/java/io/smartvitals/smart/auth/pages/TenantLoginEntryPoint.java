package io.smartvitals.smart.auth.pages;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Sends an unauthenticated browser to the login page of the tenant named in the path
 * ({@code /auth/{tenant}/...}); Spring Security has saved the request before, and login returns
 * to it. Use it for {@code /authorize} too. Paths without a tenant get 401.
 */
public class TenantLoginEntryPoint implements AuthenticationEntryPoint {

	private static final Pattern TENANT_PATH = Pattern.compile("^/auth/([a-z0-9-]{3,40})/.*");

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException reason)
			throws IOException {
		Matcher m = TENANT_PATH.matcher(request.getRequestURI().substring(request.getContextPath().length()));
		if (!m.matches()) {
			response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
			return;
		}
		HtmlPage.seeOther(response, request.getContextPath() + "/auth/" + m.group(1) + "/login");
	}
}
