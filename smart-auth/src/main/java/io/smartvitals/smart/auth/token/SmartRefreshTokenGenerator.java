package io.smartvitals.smart.auth.token;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * Refresh tokens as SMART grants them: only when {@code offline_access} or {@code online_access} was
 * granted (public clients included: rotation protects them, OAuth 2.1 section 4.3.1), never to
 * backend clients. A refresh always rotates to a new token of the same family and lifetime kind.
 */
public class SmartRefreshTokenGenerator implements OAuth2TokenGenerator<OAuth2RefreshToken> {

	private static final SecureRandom RANDOM = new SecureRandom();
	private final Clock clock;
	private final Duration offlineLifetime;
	private final Duration onlineLifetime;

	public SmartRefreshTokenGenerator(Clock clock, Duration offlineLifetime, Duration onlineLifetime) {
		this.clock = clock;
		this.offlineLifetime = offlineLifetime;
		this.onlineLifetime = onlineLifetime;
	}

	@Override
	public OAuth2RefreshToken generate(OAuth2TokenContext context) {
		if (!OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType())
				|| AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
			return null;
		}
		boolean offline = context.getAuthorizedScopes().contains("offline_access");
		boolean online = context.getAuthorizedScopes().contains("online_access");
		boolean refreshing = AuthorizationGrantType.REFRESH_TOKEN.equals(context.getAuthorizationGrantType());
		if (!offline && !online && !refreshing) {
			return null;
		}
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		Instant now = clock.instant();
		Duration lifetime = offline || (refreshing && !online) ? offlineLifetime : onlineLifetime;
		return new OAuth2RefreshToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), now, now.plus(lifetime));
	}
}
