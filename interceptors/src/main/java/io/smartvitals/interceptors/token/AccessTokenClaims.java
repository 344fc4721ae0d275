package io.smartvitals.interceptors.token;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The claim rules of our access tokens, checked after the signature: issuer, audience (the tenant's
 * FHIR base), expiry and not-before within the clock skew, and the tenant claim. The messages are
 * the refusal reasons the API reports.
 */
final class AccessTokenClaims implements JWTClaimsSetVerifier<TenantTokenContext> {

	private final Clock clock;
	private final Duration clockSkew;

	AccessTokenClaims(Clock clock, Duration clockSkew) {
		this.clock = clock;
		this.clockSkew = clockSkew;
	}

	@Override
	public void verify(JWTClaimsSet claims, TenantTokenContext context) throws BadJWTException {
		Instant now = clock.instant();
		if (!context.issuer().equals(claims.getIssuer())) {
			throw new BadJWTException("issued by another issuer");
		}
		if (claims.getAudience() == null || !claims.getAudience().contains(context.audience())) {
			throw new BadJWTException("meant for another audience");
		}
		Date expires = claims.getExpirationTime();
		if (expires == null || !now.isBefore(expires.toInstant().plus(clockSkew))) {
			throw new BadJWTException("expired");
		}
		Date notBefore = claims.getNotBeforeTime();
		if (notBefore != null && now.plus(clockSkew).isBefore(notBefore.toInstant())) {
			throw new BadJWTException("not yet valid");
		}
		try {
			if (!context.tenant().equals(claims.getStringClaim("tenant"))) {
				throw new BadJWTException("issued for another tenant");
			}
		} catch (ParseException e) {
			throw new BadJWTException("malformed claims");
		}
	}
}
