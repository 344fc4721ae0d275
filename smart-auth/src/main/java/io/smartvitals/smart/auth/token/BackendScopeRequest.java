package io.smartvitals.smart.auth.token;

import io.smartvitals.smart.model.scope.InvalidScopeException;
import io.smartvitals.smart.auth.client.ScopeCeiling;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;

/**
 * The scope of a Backend Services ({@code client_credentials}) token request: required, parseable
 * as SMART scopes, and within the client's registration. Anything beyond it is refused with
 * {@code invalid_scope} rather than silently cut down, so the client learns what it may not have.
 */
public class BackendScopeRequest implements Consumer<OAuth2ClientCredentialsAuthenticationContext> {

	@Override
	public void accept(OAuth2ClientCredentialsAuthenticationContext context) {
		OAuth2ClientCredentialsAuthenticationToken grant = context.getAuthentication();
		Set<String> requested = grant.getScopes();
		if (requested.isEmpty()) {
			throw invalidScope("scope is required");
		}
		try {
			if (!new ScopeCeiling(context.getRegisteredClient().getScopes()).outside(requested).isEmpty()) {
				throw invalidScope("scope beyond the client's registration");
			}
		} catch (InvalidScopeException e) {
			throw invalidScope(e.getMessage());
		}
	}

	private static OAuth2AuthenticationException invalidScope(String description) {
		return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_SCOPE, description, null));
	}
}
