package io.smartvitals.smart.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

class RefreshTokenClientBindingTest {

	private static RegisteredClient client(String id) {
		return RegisteredClient.withId(id).clientId(id).clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN).build();
	}

	private static OAuth2RefreshTokenAuthenticationToken refreshBy(RegisteredClient client, String token) {
		return new OAuth2RefreshTokenAuthenticationToken(token,
				new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.CLIENT_SECRET_BASIC, null), null, null);
	}

	@Test
	void aRefreshTokenOfAnotherClientIsInvalidGrantAndItsOwnClientIsLeftToSpringAuthorizationServer() {
		RegisteredClient x = client("x");
		RegisteredClient y = client("y");
		InMemoryOAuth2AuthorizationService authorizations = new InMemoryOAuth2AuthorizationService();
		authorizations.save(OAuth2Authorization.withRegisteredClient(x).principalName("user")
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.refreshToken(new OAuth2RefreshToken("rt-of-x", Instant.now(), Instant.now().plusSeconds(600))).build());
		RefreshTokenClientBinding binding = new RefreshTokenClientBinding(authorizations);

		assertThatThrownBy(() -> binding.authenticate(refreshBy(y, "rt-of-x")))
				.isInstanceOfSatisfying(OAuth2AuthenticationException.class, e -> assertThat(e.getError().getErrorCode()).isEqualTo("invalid_grant"));
		assertThat(binding.authenticate(refreshBy(x, "rt-of-x"))).isNull();
		assertThat(binding.authenticate(refreshBy(y, "unknown"))).as("SAS answers unknown tokens").isNull();
	}
}
