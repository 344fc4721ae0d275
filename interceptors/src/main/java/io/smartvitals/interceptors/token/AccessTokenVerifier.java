package io.smartvitals.interceptors.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.smartvitals.smart.model.scope.InvalidScopeException;
import io.smartvitals.smart.model.scope.ScopeParser;
import io.smartvitals.smart.model.scope.ScopeSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Checks an access token against the tenant named by the URL, in this order: size and shape,
 * algorithm (RS256 only: no {@code none}, no HMAC, no EC), key by {@code kid} among the tenant's
 * own published keys (header {@code jku}, {@code jwk} and {@code x5u} are never followed),
 * signature, issuer, audience, expiry, and the tenant claim. A token of tenant A therefore fails
 * at tenant B on its signature before any claim or scope is looked at.
 */
public class AccessTokenVerifier {

	static final int MAX_TOKEN_LENGTH = 8192;
	private final TenantKeySource keys;
	private final Clock clock;
	private final Duration clockSkew;
	/**
	 * Per tenant and kid: the published key a verifier was built for, and the verifier. Building one
	 * converts the JWK to a Java key (a third of the cost of a verification), so it is done once per
	 * key object; a refreshed key set brings new objects and rebuilds.
	 */
	private final Map<String, KeyVerifier> verifiers = new ConcurrentHashMap<>();
	/** Parsed scopes by scope string: an app's tokens repeat the same few strings. Bounded by clearing. */
	private final Map<String, ScopeSet> parsedScopes = new ConcurrentHashMap<>();
	private static final int MAX_CACHED_SCOPE_STRINGS = 10_000;

	private record KeyVerifier(RSAKey key, RSASSAVerifier verifier) {}

	public AccessTokenVerifier(TenantKeySource keys, Clock clock, Duration clockSkew) {
		this.keys = keys;
		this.clock = clock;
		this.clockSkew = clockSkew;
	}

	/**
	 * @param issuer the tenant's issuer URL, e.g. {@code https://host/auth/general-hospital}
	 * @param audience the tenant's FHIR base URL, e.g. {@code https://host/fhir/general-hospital}
	 */
	public TokenVerdict verify(String token, String tenant, String issuer, String audience) {
		if (token == null || token.isBlank()) {
			return rejected("no bearer token");
		}
		if (token.length() > MAX_TOKEN_LENGTH) {
			return rejected("token too large");
		}
		SignedJWT jwt;
		JWTClaimsSet claims;
		try {
			jwt = SignedJWT.parse(token);
			claims = jwt.getJWTClaimsSet();
		} catch (ParseException | RuntimeException e) {
			return rejected("not a signed JWT");
		}
		JWSHeader header = jwt.getHeader();
		if (!JWSAlgorithm.RS256.equals(header.getAlgorithm())) {
			return rejected("algorithm not accepted");
		}
		if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
			return rejected("critical header parameters not understood");
		}
		JWK key = header.getKeyID() == null ? null : keys.publishedKeys(tenant).getKeyByKeyId(header.getKeyID());
		if (!(key instanceof RSAKey rsaKey)) {
			return rejected("unknown signing key");
		}
		try {
			if (!jwt.verify(verifierFor(tenant, rsaKey))) {
				return rejected("bad signature");
			}
		} catch (JOSEException e) {
			return rejected("bad signature");
		}
		return checkClaims(claims, tenant, issuer, audience);
	}

	private TokenVerdict checkClaims(JWTClaimsSet claims, String tenant, String issuer, String audience) {
		Instant now = clock.instant();
		if (!issuer.equals(claims.getIssuer())) {
			return rejected("issued by another issuer");
		}
		if (claims.getAudience() == null || !claims.getAudience().contains(audience)) {
			return rejected("meant for another audience");
		}
		Date expires = claims.getExpirationTime();
		if (expires == null || !now.isBefore(expires.toInstant().plus(clockSkew))) {
			return rejected("expired");
		}
		Date notBefore = claims.getNotBeforeTime();
		if (notBefore != null && now.plus(clockSkew).isBefore(notBefore.toInstant())) {
			return rejected("not yet valid");
		}
		try {
			if (!tenant.equals(claims.getStringClaim("tenant"))) {
				return rejected("issued for another tenant");
			}
			return new TokenVerdict.Valid(
					tenant,
					claims.getSubject(),
					claims.getStringClaim("client_id"),
					scopes(claims.getStringClaim("scope")),
					claims.getStringClaim("patient"),
					claims.getStringClaim("encounter"),
					claims.getStringClaim("fhirUser"),
					claims.getJWTID(),
					issuedAt(claims),
					expires.toInstant());
		} catch (ParseException | InvalidScopeException e) {
			return rejected("malformed claims");
		}
	}

	/** {@code iat}, made exact by our {@code iat_ms} when that names a time within the same second. */
	private static Instant issuedAt(JWTClaimsSet claims) throws ParseException {
		if (claims.getIssueTime() == null) {
			return null;
		}
		Instant iat = claims.getIssueTime().toInstant();
		String exact = claims.getStringClaim("iat_ms");
		try {
			Instant millis = exact == null ? null : Instant.ofEpochMilli(Long.parseLong(exact));
			return millis != null && millis.getEpochSecond() == iat.getEpochSecond() ? millis : iat;
		} catch (NumberFormatException e) {
			return iat;
		}
	}

	private RSASSAVerifier verifierFor(String tenant, RSAKey key) throws JOSEException {
		String id = tenant + " " + key.getKeyID();
		KeyVerifier cached = verifiers.get(id);
		if (cached == null || cached.key() != key) {
			cached = new KeyVerifier(key, new RSASSAVerifier(key));
			verifiers.put(id, cached);
		}
		return cached.verifier();
	}

	private ScopeSet scopes(String scope) throws InvalidScopeException {
		if (scope == null) {
			return ScopeParser.parse(null);
		}
		ScopeSet parsed = parsedScopes.get(scope);
		if (parsed == null) {
			parsed = ScopeParser.parse(scope);
			if (parsedScopes.size() >= MAX_CACHED_SCOPE_STRINGS) {
				parsedScopes.clear();
			}
			parsedScopes.put(scope, parsed);
		}
		return parsed;
	}

	private static TokenVerdict rejected(String reason) {
		return new TokenVerdict.Rejected(reason);
	}
}
