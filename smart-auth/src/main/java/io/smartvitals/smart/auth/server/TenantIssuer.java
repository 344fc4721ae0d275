package io.smartvitals.smart.auth.server;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;

/**
 * The URLs of one tenant as seen from a request: issuer {@code {base}/auth/{tenant}} and FHIR base
 * {@code {base}/fhir/{tenant}}, where {@code base} is the request's scheme, host and port (already
 * rewritten from {@code X-Forwarded-*} by the container when the proxy is trusted).
 */
public record TenantIssuer(String publicBase, String tenant) {

	private static final Pattern AUTH_PATH = Pattern.compile("^/auth/([^/]+)(/.*)?$");

	public String issuer() {
		return publicBase + "/auth/" + tenant;
	}

	public String fhirBase() {
		return publicBase + "/fhir/" + tenant;
	}

	public String tokenEndpoint() {
		return issuer() + "/token";
	}

	public static String publicBase(HttpServletRequest request) {
		String scheme = request.getScheme();
		int port = request.getServerPort();
		boolean defaultPort = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
		return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port) + request.getContextPath();
	}

	/** The tenant segment of an {@code /auth/{tenant}/...} path, before any lookup. */
	public static Optional<String> tenantSegment(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		Matcher m = AUTH_PATH.matcher(path);
		return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
	}

	public static TenantIssuer of(HttpServletRequest request, String tenant) {
		return new TenantIssuer(publicBase(request), tenant);
	}

	/** The tenant whose issuer the current authorization-server request addresses. */
	public static TenantIssuer current() {
		AuthorizationServerContext context = AuthorizationServerContextHolder.getContext();
		if (context == null || context.getIssuer() == null) {
			throw new IllegalStateException("no authorization server context: request is outside /auth/{tenant}");
		}
		return fromIssuer(context.getIssuer());
	}

	public static TenantIssuer fromIssuer(String issuer) {
		int at = issuer.lastIndexOf("/auth/");
		if (at < 0) {
			throw new IllegalArgumentException("not a tenant issuer: " + issuer);
		}
		return new TenantIssuer(issuer.substring(0, at), issuer.substring(at + "/auth/".length()));
	}
}
