package io.smartvitals.smart.auth.token;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * RFC 7523 section 3 item 7 as SMART requires it: a {@code jti}, bounded so the replay table stays
 * small. Whether it was seen before is checked only once everything else passed, so a rejected
 * assertion does not use it up.
 */
record AssertionJwtId() implements OAuth2TokenValidator<Jwt> {

	static final int MAX_LENGTH = 256;

	@Override
	public OAuth2TokenValidatorResult validate(Jwt assertion) {
		String jti = assertion.getId();
		return jti == null || jti.isBlank() || jti.length() > MAX_LENGTH
				? AssertionRefusal.result("jti missing or longer than 256 characters")
				: OAuth2TokenValidatorResult.success();
	}
}
