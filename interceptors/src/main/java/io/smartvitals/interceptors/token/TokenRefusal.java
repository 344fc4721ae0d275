package io.smartvitals.interceptors.token;

import com.nimbusds.jose.KeySourceException;

/**
 * A refusal with the reason we report, raised from inside Nimbus's processor (its key selector may
 * throw only {@link KeySourceException}); the claim checks use {@code BadJWTException} the same way.
 */
final class TokenRefusal extends KeySourceException {

	TokenRefusal(String reason) {
		super(reason);
	}
}
