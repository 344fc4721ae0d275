package io.smartvitals.smart.auth.token;

import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.function.Supplier;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * SMART Backend Services: {@code aud} is this tenant's token endpoint URL, as a single string. The
 * decoded claims turn a string into a list, so the form is read from the assertion's own payload.
 */
record AssertionAudience(Supplier<String> tokenEndpoint) implements OAuth2TokenValidator<Jwt> {

	@Override
	public OAuth2TokenValidatorResult validate(Jwt assertion) {
		Object aud;
		try {
			aud = SignedJWT.parse(assertion.getTokenValue()).getPayload().toJSONObject().get("aud");
		} catch (ParseException e) {
			aud = null;
		}
		return aud instanceof String audience && audience.equals(tokenEndpoint.get())
				? OAuth2TokenValidatorResult.success()
				: AssertionRefusal.result("aud must be the token endpoint URL, as a single string");
	}
}
