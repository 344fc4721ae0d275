package io.smartvitals.smart.auth.token;

import io.smartvitals.audit.http.LogContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Once Spring Authorization Server has authenticated the client at {@code /token},
 * {@code /introspect} or {@code /revoke}, its id goes on the rest of the request's log lines.
 * Only an authenticated client: a {@code client_id} merely posted is not evidence of anything.
 */
public final class ClientLogContext extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof OAuth2ClientAuthenticationToken client && client.getRegisteredClient() != null) {
			LogContext.client(client.getRegisteredClient().getClientId());
		}
		chain.doFilter(request, response);
	}
}
