package io.smartvitals.smart.auth.server;

import io.smartvitals.audit.http.RefusalEvidence;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sets the issuer of every {@code /auth/{tenant}/...} request to exactly {@code {base}/auth/{tenant}}
 * and answers 404 for tenants that do not exist or are not active (recorded first, rule {@value #RULE}:
 * the request never reaches an endpoint that would record it). Spring Authorization Server's own
 * resolver strips endpoint names anywhere in the path, which would mangle a tenant named
 * {@code tokens}; this filter runs after it and overrides its guess. It also points the approval
 * page redirect (configured once, as {@link #CONSENT_PAGE}) at the tenant's own page.
 */
public class TenantIssuerFilter extends OncePerRequestFilter {

	/** The approval page path given to Spring Authorization Server, which knows no tenants. */
	public static final String CONSENT_PAGE = "/auth/consent";
	public static final String RULE = "auth-tenant-not-active";

	private final AuthorizationServerSettings settings;
	private final Predicate<String> activeTenant;
	private final RefusalEvidence evidence;

	public TenantIssuerFilter(AuthorizationServerSettings settings, Predicate<String> activeTenant, RefusalEvidence evidence) {
		this.settings = settings;
		this.activeTenant = activeTenant;
		this.evidence = evidence;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<String> tenant = TenantIssuer.tenantSegment(request);
		if (tenant.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		if (!activeTenant.test(tenant.get())) {
			response.setHeader("Cache-Control", "no-store");
			response.setContentType("application/json");
			if (!evidence.record(request, HttpServletResponse.SC_NOT_FOUND, RULE)) {
				response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
				response.getWriter().write("{\"error\":\"temporarily_unavailable\",\"error_description\":"
						+ "\"The request was refused, and the refusal could not be recorded in the audit trail\"}");
				return;
			}
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			response.getWriter().write("{\"error\":\"invalid_request\",\"error_description\":\"unknown tenant\"}");
			return;
		}
		AuthorizationServerContext previous = AuthorizationServerContextHolder.getContext();
		String issuer = TenantIssuer.of(request, tenant.get()).issuer();
		AuthorizationServerContextHolder.setContext(new AuthorizationServerContext() {
			@Override
			public String getIssuer() {
				return issuer;
			}

			@Override
			public AuthorizationServerSettings getAuthorizationServerSettings() {
				return settings;
			}
		});
		try {
			chain.doFilter(request, new ConsentPageRedirect(response, request.getContextPath(), tenant.get()));
		} finally {
			if (previous != null) {
				AuthorizationServerContextHolder.setContext(previous);
			} else {
				AuthorizationServerContextHolder.resetContext();
			}
		}
	}

	/** Rewrites {@code /auth/consent?...} redirects to {@code /auth/{tenant}/consent?...}. */
	private static final class ConsentPageRedirect extends jakarta.servlet.http.HttpServletResponseWrapper {

		private final String contextPath;
		private final String tenant;

		ConsentPageRedirect(HttpServletResponse response, String contextPath, String tenant) {
			super(response);
			this.contextPath = contextPath;
			this.tenant = tenant;
		}

		@Override
		public void sendRedirect(String location) throws IOException {
			String marker = contextPath + CONSENT_PAGE + "?";
			int at = location.indexOf(marker);
			if (at >= 0) {
				location = location.substring(0, at) + contextPath + "/auth/" + tenant + "/consent?"
						+ location.substring(at + marker.length());
			}
			super.sendRedirect(location);
		}
	}
}
