package io.smartvitals.smart.auth.token;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/** RFC 7523 section 3 items 1 and 2, as SMART Backend Services narrows them: {@code iss} and {@code sub} are both the client id. */
record AssertionSubject(String clientId) implements OAuth2TokenValidator<Jwt> {

	@Override
	public OAuth2TokenValidatorResult validate(Jwt assertion) {
		boolean ok = clientId.equals(assertion.getClaimAsString("iss")) && clientId.equals(assertion.getSubject());
		return ok ? OAuth2TokenValidatorResult.success() : AssertionRefusal.result("iss and sub must both be the client id");
	}
}
