package io.smartvitals.smart.auth.server;

import io.smartvitals.smart.model.endpoints.TenantEndpoints;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;

/**
 * One tenant's {@link TenantEndpoints} as seen from a request, where the public root is the
 * request's scheme, host and port (already rewritten from {@code X-Forwarded-*} by the container
 * when the proxy is trusted), or from the authorization server's current issuer.
 */
public record TenantIssuer(String publicBase, String tenant) {

	private static final Pattern AUTH_PATH = Pattern.compile("^/auth/([^/]+)(/.*)?$");

	public TenantEndpoints endpoints() {
		return new TenantEndpoints(publicBase, tenant);
	}

	public String issuer() {
		return endpoints().issuer();
	}

	public String fhirBase() {
		return endpoints().fhirBase();
	}

	public String tokenEndpoint() {
		return endpoints().tokenEndpoint();
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
		TenantEndpoints endpoints = TenantEndpoints.fromIssuer(issuer);
		return new TenantIssuer(endpoints.publicRoot(), endpoints.tenant());
	}
}
