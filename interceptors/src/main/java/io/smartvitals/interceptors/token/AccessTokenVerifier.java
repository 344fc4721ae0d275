package io.smartvitals.interceptors.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.smartvitals.interceptors.scope.InvalidScopeException;
import io.smartvitals.interceptors.scope.ScopeParser;
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
			if (!jwt.verify(new RSASSAVerifier(rsaKey))) {
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
					ScopeParser.parse(claims.getStringClaim("scope")),
					claims.getStringClaim("patient"),
					claims.getStringClaim("encounter"),
					claims.getStringClaim("fhirUser"),
					claims.getJWTID(),
					expires.toInstant());
		} catch (ParseException | InvalidScopeException e) {
			return rejected("malformed claims");
		}
	}

	private static TokenVerdict rejected(String reason) {
		return new TokenVerdict.Rejected(reason);
	}
}
