package io.smartvitals.server.admin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admits a request to {@code /admin/**} only with {@code Authorization: Bearer <operator token>},
 * and to the guarded Actuator endpoints with the metrics or operator token. No token configured:
 * 403 for everyone (closed). Wrong or missing token: 401. Requests {@code open} admits (the
 * health probes) pass without one.
 */
public class OperatorTokenFilter extends OncePerRequestFilter {

	private static final String BEARER = "Bearer ";
	private final List<OperatorToken> accepted;
	private final String realm;
	private final Predicate<HttpServletRequest> open;

	public OperatorTokenFilter(Optional<OperatorToken> token) {
		this(token.stream().toList(), "admin", request -> false);
	}

	public OperatorTokenFilter(List<OperatorToken> accepted, String realm, Predicate<HttpServletRequest> open) {
		this.accepted = List.copyOf(accepted);
		this.realm = realm;
		this.open = open;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return open.test(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (accepted.isEmpty()) {
			reject(response, HttpServletResponse.SC_FORBIDDEN, "access_denied",
					"The " + realm + " API is closed: no operator token is configured (OPERATOR_TOKEN)");
			return;
		}
		String header = request.getHeader("Authorization");
		String presented = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
				? header.substring(BEARER.length()).strip()
				: null;
		// Every token is compared, so timing does not tell which one was close.
		boolean matched = false;
		for (OperatorToken token : accepted) {
			matched |= token.matches(presented);
		}
		if (!matched) {
			response.setHeader("WWW-Authenticate", "Bearer realm=\"" + realm + "\"");
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
