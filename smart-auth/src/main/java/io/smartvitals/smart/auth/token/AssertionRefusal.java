package io.smartvitals.smart.auth.token;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;

/** A failed client-assertion rule: {@code invalid_client}, with the rule in words for the log. */
final class AssertionRefusal {

	private AssertionRefusal() {}

	static OAuth2TokenValidatorResult result(String reason) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, reason, null));
	}
}
