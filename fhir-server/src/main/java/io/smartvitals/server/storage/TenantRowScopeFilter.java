package io.smartvitals.server.storage;

import io.smartvitals.audit.http.TenantPath;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Scopes every database connection a request uses to the tenant its URL names, before anything
 * else runs, so that no query of the request can see another tenant's rows of our tables, with
 * or without a {@code WHERE tenant_id}. A padded or unknown tenant id sees no rows at all.
 */
public final class TenantRowScopeFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String tenant = TenantPath.segment(request.getRequestURI());
		if (tenant == null) {
			chain.doFilter(request, response);
			return;
		}
		TenantRowScope.enter(tenant);
		try {
			chain.doFilter(request, response);
		} finally {
			TenantRowScope.leave();
		}
	}
}
