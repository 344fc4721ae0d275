package io.smartvitals.smart.auth.login;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a completed login goes (ATTACKS O6): back to the request Spring Security saved when it
 * sent the user to log in, but only if that is a path under this tenant's {@code /auth/{tenant}/};
 * otherwise to the tenant's launcher. Only path and query are kept, so the redirect never leaves
 * this host, and no {@code returnTo}-style parameter is ever consulted.
 */
public final class PostLoginRedirect {

	private PostLoginRedirect() {}

	public static String launcher(String tenant) {
		return "/auth/" + tenant + "/launcher";
	}

	public static String target(String tenant, String savedUrl) {
		String fallback = launcher(tenant);
		if (savedUrl == null || savedUrl.length() > 8192) {
			return fallback;
		}
		URI uri;
		try {
			uri = new URI(savedUrl);
		} catch (URISyntaxException malformed) {
			return fallback;
		}
		String path = uri.getRawPath();
		if (path == null || !path.startsWith("/auth/" + tenant + "/") || uri.getRawFragment() != null) {
			return fallback;
		}
		String lower = path.toLowerCase(Locale.ROOT);
		if (path.contains("//") || path.contains("/./") || path.contains("/../") || path.endsWith("/..") || path.contains("\\")
				|| lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c")) {
			return fallback;
		}
		if (path.equals("/auth/" + tenant + "/login") || path.startsWith("/auth/" + tenant + "/mfa")) {
			return fallback;
		}
		return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
	}
}
