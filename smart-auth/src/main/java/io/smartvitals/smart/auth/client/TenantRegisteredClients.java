package io.smartvitals.smart.auth.client;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import io.smartvitals.smart.auth.server.TenantIssuer;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The registry as Spring Authorization Server sees it. {@code findByClientId} only finds clients of
 * the tenant the request addresses, and only while enabled and unexpired, so every grant of a
 * disabled or expired client fails with {@code invalid_client}. Every client must use PKCE and see
 * the approval page; secrets are matched by {@link ClientSecrets}.
 */
public class TenantRegisteredClients implements RegisteredClientRepository {

	/** Token lifetimes; backend tokens are short, user tokens last a working session. */
	public record Lifetimes(Duration userAccessToken, Duration backendAccessToken, Duration offlineRefreshToken, Duration code) {}

	private final ClientRegistry registry;
	private final Clock clock;
	private final Lifetimes lifetimes;

	public TenantRegisteredClients(ClientRegistry registry, Clock clock, Lifetimes lifetimes) {
		this.registry = registry;
		this.clock = clock;
		this.lifetimes = lifetimes;
	}

	@Override
	public void save(RegisteredClient registeredClient) {
		throw new UnsupportedOperationException("clients are registered through the admin API");
	}

	@Override
	public RegisteredClient findById(String id) {
		// Authorizations of a since-disabled client must still load (to be refused or revoked).
		return registry.findById(id).map(this::toRegisteredClient).orElse(null);
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		String tenant = TenantIssuer.current().tenant();
		return registry.find(tenant, clientId)
				.filter(c -> c.usableAt(clock.instant()))
				.map(this::toRegisteredClient)
				.orElse(null);
	}

	RegisteredClient toRegisteredClient(SmartClient c) {
		RegisteredClient.Builder b = RegisteredClient.withId(c.id())
				.clientId(c.clientId())
				.clientName(c.name())
				.clientIdIssuedAt(c.createdAt())
				.redirectUris(uris -> uris.addAll(c.redirectUris()))
				.scopes(scopes -> scopes.addAll(c.allowedScopes()));
		boolean userFacing = c.launchTypes().contains(LaunchType.EHR) || c.launchTypes().contains(LaunchType.STANDALONE);
		if (userFacing) {
			b.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE).authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN);
		}
		if (c.isBackend()) {
			b.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS);
		}
		ClientSettings.Builder settings = ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(true);
		switch (c.type()) {
			case PUBLIC -> b.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
			case CONFIDENTIAL_SYMMETRIC -> {
				b.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
				boolean overlap = c.previousSecretDigest() != null && c.previousSecretUntil() != null
						&& c.previousSecretUntil().isAfter(clock.instant());
				b.clientSecret(ClientSecrets.accepted(c.secretDigest(), overlap ? c.previousSecretDigest() : null));
				b.clientSecretExpiresAt(c.expiresAt());
			}
			case CONFIDENTIAL_ASYMMETRIC -> {
				b.clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT);
				settings.tokenEndpointAuthenticationSigningAlgorithm(assertionAlgorithm(c));
				if (c.jwksUrl() != null) {
					settings.jwkSetUrl(c.jwksUrl());
				}
			}
		}
		Duration access = c.isBackend() && !userFacing ? lifetimes.backendAccessToken() : lifetimes.userAccessToken();
		// No token outlives its client: an expiring client's tokens end with it, with no revocation needed.
		Duration untilExpiry = Duration.between(clock.instant(), c.expiresAt());
		Duration floor = Duration.ofSeconds(1);
		access = shortest(access, untilExpiry, floor);
		return b.clientSettings(settings.build())
				.tokenSettings(TokenSettings.builder()
						.accessTokenTimeToLive(access)
						.refreshTokenTimeToLive(shortest(lifetimes.offlineRefreshToken(), untilExpiry, floor))
						.authorizationCodeTimeToLive(lifetimes.code())
						.reuseRefreshTokens(false)
						.idTokenSignatureAlgorithm(SignatureAlgorithm.RS256)
						.build())
				.build();
	}

	private static Duration shortest(Duration lifetime, Duration untilExpiry, Duration floor) {
		Duration capped = untilExpiry.compareTo(lifetime) < 0 ? untilExpiry : lifetime;
		return capped.compareTo(floor) < 0 ? floor : capped;
	}

	private static SignatureAlgorithm assertionAlgorithm(SmartClient c) {
		if (c.jwks() != null) {
			try {
				if (JWKSet.parse(c.jwks()).getKeys().stream().allMatch(k -> k instanceof ECKey)) {
					return SignatureAlgorithm.ES384;
				}
			} catch (ParseException e) {
				// fall through: the validator refuses unreadable keys
			}
		}
		return SignatureAlgorithm.RS384;
	}
}
