package io.smartvitals.smart.auth.token;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.smartvitals.smart.auth.server.TenantIssuer;
import java.text.ParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;

/**
 * Adds SMART's launch context parameters to the token response ({@code patient}, {@code encounter},
 * {@code need_patient_banner}, {@code smart_style_url}), read back from the access token just
 * signed so response and token can never disagree.
 */
public class SmartTokenResponse implements Consumer<OAuth2AccessTokenAuthenticationContext> {

	public static final String STYLE_PATH = "/smart-style.json";

	@Override
	public void accept(OAuth2AccessTokenAuthenticationContext context) {
		OAuth2AccessTokenResponse.Builder response = context.getAccessTokenResponse();
		OAuth2AccessTokenAuthenticationToken issued = context.getAuthentication();
		JWTClaimsSet claims;
		try {
			claims = SignedJWT.parse(issued.getAccessToken().getTokenValue()).getJWTClaimsSet();
		} catch (ParseException e) {
			return;
		}
		Map<String, Object> extra = new HashMap<>(issued.getAdditionalParameters());
		Object patient = claims.getClaim("patient");
		Object encounter = claims.getClaim("encounter");
		if (patient != null) {
			extra.put("patient", patient);
			extra.put("need_patient_banner", true);
			extra.put("smart_style_url", TenantIssuer.current().issuer() + STYLE_PATH);
		}
		if (encounter != null) {
			extra.put("encounter", encounter);
		}
		response.additionalParameters(extra);
	}
}
