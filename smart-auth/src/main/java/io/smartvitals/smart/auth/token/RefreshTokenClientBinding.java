package io.smartvitals.smart.auth.token;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;

/**
 * RFC 6749 section 5.2: a refresh token "issued to another client" is {@code invalid_grant}.
 * Spring Authorization Server answers {@code invalid_client} there (the presenting client did
 * authenticate), so this provider runs before it and refuses the grant with the right code;
 * every other refresh request it leaves to Spring Authorization Server (returns null).
 */
public class RefreshTokenClientBinding implements org.springframework.security.authentication.AuthenticationProvider {

	private final OAuth2AuthorizationService authorizations;

	public RefreshTokenClientBinding(OAuth2AuthorizationService authorizations) {
		this.authorizations = authorizations;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2RefreshTokenAuthenticationToken refresh = (OAuth2RefreshTokenAuthenticationToken) authentication;
		if (!(refresh.getPrincipal() instanceof OAuth2ClientAuthenticationToken client) || client.getRegisteredClient() == null) {
			return null;
		}
		OAuth2Authorization authorization = authorizations.findByToken(refresh.getRefreshToken(), OAuth2TokenType.REFRESH_TOKEN);
		if (authorization != null && !authorization.getRegisteredClientId().equals(client.getRegisteredClient().getId())) {
			throw new OAuth2AuthenticationException(
					new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, "the refresh token was issued to another client", null));
		}
		return null;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2RefreshTokenAuthenticationToken.class.isAssignableFrom(authentication);
	}
}
