package io.smartvitals.smart.auth.authorize;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An authorization request sent as a form POST (SMART App Launch allows it) by a browser that has
 * no session yet. Only GETs survive the login (the saved request is replayed as a GET), so the
 * request is re-sent as the equivalent GET before the login starts: same parameters, in the query.
 */
public final class PostedAuthorizationRequest {

	private PostedAuthorizationRequest() {}

	/** The GET URL (path and query, no host) to re-send a posted authorization request as; empty for anything else. */
	public static Optional<String> asGet(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!"POST".equals(request.getMethod()) || !path.matches("/auth/[^/]+/authorize") || request.getParameter("response_type") == null) {
			return Optional.empty();
		}
		List<String> pairs = new ArrayList<>();
		for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
			for (String value : parameter.getValue()) {
				pairs.add(encode(parameter.getKey()) + "=" + encode(value));
			}
		}
		return Optional.of(request.getContextPath() + path + "?" + String.join("&", pairs));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
