package io.smartvitals.smart.auth.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * RFC 7523 section 3 items 4 and 5 with SMART's bound: {@code exp} present, in the future and at
 * most five minutes ahead; {@code nbf}, if present, not in the future; each within the clock skew.
 */
record AssertionLifetime(Clock clock, Duration skew) implements OAuth2TokenValidator<Jwt> {

	static final Duration MAX_LIFETIME = Duration.ofMinutes(5);

	@Override
	public OAuth2TokenValidatorResult validate(Jwt assertion) {
		Instant now = clock.instant();
		Instant exp = assertion.getExpiresAt();
		if (exp == null) {
			return AssertionRefusal.result("exp missing");
		}
		if (!exp.plus(skew).isAfter(now)) {
			return AssertionRefusal.result("assertion expired");
		}
		if (exp.isAfter(now.plus(MAX_LIFETIME).plus(skew))) {
			return AssertionRefusal.result("exp more than five minutes ahead");
		}
		Instant nbf = assertion.getNotBefore();
		if (nbf != null && nbf.isAfter(now.plus(skew))) {
			return AssertionRefusal.result("assertion not yet valid");
		}
		return OAuth2TokenValidatorResult.success();
	}
}
