package io.smartvitals.smart.auth.server;

import io.smartvitals.smart.auth.authorize.ConsentSelection;
import io.smartvitals.smart.auth.client.ClientRegistry;
import io.smartvitals.smart.auth.client.SmartClient;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Spring Authorization Server's JDBC store, with what one shared table needs for many tenants and
 * what SMART asks beyond RFC 6749:
 * <ul>
 *   <li>a lookup only finds authorizations of clients of the tenant the request addresses, so a
 *       token of tenant A introspects as inactive at tenant B;</li>
 *   <li>a rotated refresh token is remembered by digest; presenting it again revokes its family
 *       (the authorization and its newest tokens), RFC 9700 section 4.14.2;</li>
 *   <li>an access token the server invalidates (revocation, code replay, family revocation) is
 *       written to the revocation list the FHIR API watches;</li>
 *   <li>the user's choices on the approval page ({@link ConsentSelection}) are applied when the
 *       authorization is saved with its code;</li>
 *   <li>an authorization whose client is disabled or expired, whose user is disabled, or whose
 *       tokens predate a revocation of its user, client or tenant ({@link PrincipalRevocations}) is
 *       not found: refresh answers {@code invalid_grant} and introspection {@code active: false}.</li>
 * </ul>
 */
public class TenantScopedAuthorizationService implements OAuth2AuthorizationService {

	/** Authorization attribute holding the patient the user picked on the approval page. */
	public static final String PICKED_PATIENT = "smart_picked_patient";

	private final OAuth2AuthorizationService delegate;
	private final ClientRegistry clients;
	private final AccessTokenRevocations revocations;
	private final JdbcTemplate jdbc;
	private final Clock clock;
	private final PrincipalRevocations principals;
	private final BiPredicate<String, String> userEnabled;

	/** @param userEnabled (tenant, username): the user exists and is not disabled */
	public TenantScopedAuthorizationService(
			OAuth2AuthorizationService delegate, ClientRegistry clients, AccessTokenRevocations revocations,
			PrincipalRevocations principals, BiPredicate<String, String> userEnabled, JdbcTemplate jdbc, Clock clock) {
		this.delegate = delegate;
		this.clients = clients;
		this.revocations = revocations;
		this.principals = principals;
		this.userEnabled = userEnabled;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		OAuth2Authorization toSave = ConsentSelection.applyTo(authorization);
		OAuth2Authorization previous = visible(() -> delegate.findById(toSave.getId()));
		if (previous != null) {
			rememberRotatedRefreshToken(previous, toSave);
			revokeNewlyInvalidatedAccessToken(previous, toSave);
		} else {
			revokeNewlyInvalidatedAccessToken(null, toSave);
		}
		delegate.save(toSave);
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		revokeAccessToken(authorization);
		delegate.remove(authorization);
	}

	@Override
	public OAuth2Authorization findById(String id) {
		return ofCurrentTenant(visible(() -> delegate.findById(id)));
	}

	@Override
	public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
		OAuth2Authorization found = visible(() -> delegate.findByToken(token, tokenType));
		if (found == null && (tokenType == null || OAuth2TokenType.REFRESH_TOKEN.equals(tokenType))) {
			revokeFamilyOfReplayedRefreshToken(token);
			return null;
		}
		OAuth2Authorization ofTenant = ofCurrentTenant(found);
		return ofTenant != null && inGoodStanding(ofTenant) ? ofTenant : null;
	}

	/**
	 * The shared table holds every tenant's authorizations, but row-level security hides other
	 * tenants' clients (docs/operate/deployment.md): Spring's row mapper then cannot resolve the
	 * client and throws. Such an authorization is not this tenant's, so it is not found.
	 */
	private static OAuth2Authorization visible(Supplier<OAuth2Authorization> lookup) {
		try {
			return lookup.get();
		} catch (DataRetrievalFailureException clientOfAnotherTenant) {
			return null;
		}
	}

	private OAuth2Authorization ofCurrentTenant(OAuth2Authorization authorization) {
		if (authorization == null) {
			return null;
		}
		String tenant = TenantIssuer.current().tenant();
		return clients.findById(authorization.getRegisteredClientId())
				.filter(client -> client.tenant().equals(tenant))
				.map(client -> authorization)
				.orElse(null);
	}

	/** Lookups by token serve refresh and introspection: only while client, user and tenant still stand behind it. */
	private boolean inGoodStanding(OAuth2Authorization authorization) {
		SmartClient client = clients.findById(authorization.getRegisteredClientId()).orElse(null);
		if (client == null || !client.usableAt(clock.instant())) {
			return false;
		}
		boolean userGrant = !AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType());
		String username = userGrant ? authorization.getPrincipalName() : null;
		if (username != null && !userEnabled.test(client.tenant(), username)) {
			return false;
		}
		// An authorization still at consent (state only) has issued nothing a revocation could predate.
		Instant oldest = oldestIssue(authorization);
		return oldest == null || !principals.revokedSince(client.tenant(), client.clientId(), username, oldest);
	}

	/** The earliest issue time among the authorization's current tokens: the family is as old as that. */
	private static Instant oldestIssue(OAuth2Authorization authorization) {
		Instant oldest = null;
		for (OAuth2Authorization.Token<?> token : java.util.Arrays.asList(
				authorization.getAccessToken(), authorization.getRefreshToken(),
				authorization.getToken(org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode.class))) {
			Instant issued = token == null ? null : token.getToken().getIssuedAt();
			if (issued != null && (oldest == null || issued.isBefore(oldest))) {
				oldest = issued;
			}
		}
		return oldest;
	}

	private void rememberRotatedRefreshToken(OAuth2Authorization previous, OAuth2Authorization next) {
		OAuth2Authorization.Token<OAuth2RefreshToken> old = previous.getRefreshToken();
		OAuth2Authorization.Token<OAuth2RefreshToken> now = next.getRefreshToken();
		if (old == null || (now != null && old.getToken().getTokenValue().equals(now.getToken().getTokenValue()))) {
			return;
		}
		String tenant = clients.findById(previous.getRegisteredClientId()).map(SmartClient::tenant).orElse("?");
		jdbc.update(
				"insert into auth_rotated_refresh_token (token_digest, authorization_id, tenant_id, rotated_at) values (?, ?, ?, ?)",
				refreshTokenDigest(old.getToken().getTokenValue()), previous.getId(), tenant, Timestamp.from(clock.instant()));
	}

	/** SHA-256 in hex: 64 characters, the width of {@code auth_rotated_refresh_token.token_digest}. */
	static String refreshTokenDigest(String token) {
		try {
			return java.util.HexFormat.of().formatHex(
					java.security.MessageDigest.getInstance("SHA-256").digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		} catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private void revokeFamilyOfReplayedRefreshToken(String token) {
		List<String> ids = jdbc.queryForList(
				"select authorization_id from auth_rotated_refresh_token where token_digest = ?", String.class,
				refreshTokenDigest(token));
		for (String id : ids) {
			OAuth2Authorization family = delegate.findById(id);
			if (family != null) {
				remove(family);
			}
		}
	}

	private void revokeNewlyInvalidatedAccessToken(OAuth2Authorization previous, OAuth2Authorization next) {
		OAuth2Authorization.Token<OAuth2AccessToken> token = next.getAccessToken();
		if (token == null || !token.isInvalidated()) {
			return;
		}
		OAuth2Authorization.Token<OAuth2AccessToken> before = previous == null ? null : previous.getAccessToken();
		boolean already = before != null && before.isInvalidated()
				&& Objects.equals(before.getToken().getTokenValue(), token.getToken().getTokenValue());
		if (!already) {
			revokeAccessToken(next);
		}
	}

	private void revokeAccessToken(OAuth2Authorization authorization) {
		OAuth2Authorization.Token<OAuth2AccessToken> token = authorization.getAccessToken();
		if (token == null) {
			return;
		}
		Map<String, Object> claims = token.getClaims();
		Object jti = claims == null ? null : claims.get("jti");
		Instant expires = token.getToken().getExpiresAt();
		String tenant = clients.findById(authorization.getRegisteredClientId()).map(SmartClient::tenant).orElse("?");
		revocations.revoke(tenant, jti == null ? null : jti.toString(), expires);
	}
}
