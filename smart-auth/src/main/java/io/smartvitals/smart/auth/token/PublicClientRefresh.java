package io.smartvitals.smart.auth.token;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * A public client refreshing (SMART App Launch lets public apps hold refresh tokens): it names
 * itself with {@code client_id} in the body and has no secret. Spring Authorization Server accepts
 * public clients only at the code exchange (with a PKCE verifier), so {@link #converter()} and
 * {@link #provider} identify such a client for {@code grant_type=refresh_token} only; the refresh
 * token itself is then checked as for any client (and bound to this client, see
 * {@link RefreshTokenClientBinding}).
 */
public final class PublicClientRefresh {

	private PublicClientRefresh() {}

	public static AuthenticationConverter converter() {
		return (HttpServletRequest request) -> {
			Map<String, String[]> params = request.getParameterMap();
			if (!"POST".equals(request.getMethod()) || !single(params, OAuth2ParameterNames.GRANT_TYPE, "refresh_token")
					|| params.get(OAuth2ParameterNames.CLIENT_ID) == null || params.get(OAuth2ParameterNames.CLIENT_ID).length != 1
					|| request.getHeader("Authorization") != null || params.containsKey(OAuth2ParameterNames.CLIENT_SECRET)
					|| params.containsKey(OAuth2ParameterNames.CLIENT_ASSERTION)) {
				return null;
			}
			return new OAuth2ClientAuthenticationToken(params.get(OAuth2ParameterNames.CLIENT_ID)[0], ClientAuthenticationMethod.NONE, null,
					Map.of(OAuth2ParameterNames.GRANT_TYPE, "refresh_token"));
		};
	}

	public static AuthenticationProvider provider(RegisteredClientRepository clients) {
		return new AuthenticationProvider() {
			@Override
			public Authentication authenticate(Authentication authentication) {
				OAuth2ClientAuthenticationToken client = (OAuth2ClientAuthenticationToken) authentication;
				if (!ClientAuthenticationMethod.NONE.equals(client.getClientAuthenticationMethod())
						|| !"refresh_token".equals(client.getAdditionalParameters().get(OAuth2ParameterNames.GRANT_TYPE))) {
					return null;
				}
				RegisteredClient registered = clients.findByClientId(String.valueOf(client.getPrincipal()));
				if (registered == null || !registered.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)
						|| !registered.getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN)) {
					throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, "not a public client that may refresh", null));
				}
				return new OAuth2ClientAuthenticationToken(registered, ClientAuthenticationMethod.NONE, null);
			}

			@Override
			public boolean supports(Class<?> authentication) {
				return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
			}
		};
	}

	private static boolean single(Map<String, String[]> params, String name, String value) {
		String[] values = params.get(name);
		return values != null && values.length == 1 && value.equals(values[0]);
	}
}
