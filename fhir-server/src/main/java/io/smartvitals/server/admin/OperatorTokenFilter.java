package io.smartvitals.server.admin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admits a request to {@code /admin/**} only with {@code Authorization: Bearer <operator token>}.
 * No token configured: 403 for everyone (the API is closed). Wrong or missing token: 401.
 */
public class OperatorTokenFilter extends OncePerRequestFilter {

	private static final String BEARER = "Bearer ";
	private final Optional<OperatorToken> token;

	public OperatorTokenFilter(Optional<OperatorToken> token) {
		this.token = token;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (token.isEmpty()) {
			reject(response, HttpServletResponse.SC_FORBIDDEN, "access_denied",
					"The admin API is closed: no operator token is configured (OPERATOR_TOKEN)");
			return;
		}
		String header = request.getHeader("Authorization");
		String presented = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
				? header.substring(BEARER.length()).strip()
				: null;
		if (!token.get().matches(presented)) {
			response.setHeader("WWW-Authenticate", "Bearer realm=\"admin\"");
			reject(response, HttpServletResponse.SC_UNAUTHORIZED, "invalid_token",
					"A valid operator bearer token is required");
			return;
		}
		chain.doFilter(request, response);
	}

	private static void reject(HttpServletResponse response, int status, String error, String description)
			throws IOException {
		response.setStatus(status);
		response.setHeader("Cache-Control", "no-store");
		response.setContentType("application/json");
		response.getWriter().write("{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}");
	}
}
