package io.smartvitals.smart.auth.token;

import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads {@code private_key_jwt} client authentication the way SMART Backend Services sends it:
 * {@code client_id} is optional (Inferno omits it) and then taken from the assertion's {@code sub},
 * which the validator later requires to equal {@code iss} and the registered client. A request
 * that combines an assertion with a client secret, or names another assertion type, is refused
 * outright rather than quietly authenticated by one of the two.
 */
public class ClientAssertionAuthenticationConverter implements AuthenticationConverter {

	static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
	private static final ClientAuthenticationMethod JWT_ASSERTION = new ClientAuthenticationMethod(JWT_BEARER);

	@Override
	public Authentication convert(HttpServletRequest request) {
		Map<String, String[]> params = request.getParameterMap();
		if (!params.containsKey(OAuth2ParameterNames.CLIENT_ASSERTION_TYPE) && !params.containsKey(OAuth2ParameterNames.CLIENT_ASSERTION)) {
			return null;
		}
		String type = single(params, OAuth2ParameterNames.CLIENT_ASSERTION_TYPE);
		String assertion = single(params, OAuth2ParameterNames.CLIENT_ASSERTION);
		if (!JWT_BEARER.equals(type)) {
			throw invalidClient("client_assertion_type must be " + JWT_BEARER);
		}
		if (assertion == null || assertion.isBlank()) {
			throw invalidClient("client_assertion missing");
		}
		String authorization = request.getHeader("Authorization");
		if (authorization != null || params.containsKey(OAuth2ParameterNames.CLIENT_SECRET)) {
			throw invalidClient("use exactly one client authentication method");
		}
		String clientId = params.containsKey(OAuth2ParameterNames.CLIENT_ID)
				? single(params, OAuth2ParameterNames.CLIENT_ID)
				: subjectOf(assertion);
		return new OAuth2ClientAuthenticationToken(clientId, JWT_ASSERTION, assertion, codeGrantParameters(params));
	}

	private static String subjectOf(String assertion) {
		try {
			String sub = SignedJWT.parse(assertion).getJWTClaimsSet().getSubject();
			if (sub == null || sub.isBlank()) {
				throw invalidClient("assertion has no sub");
			}
			return sub;
		} catch (java.text.ParseException | RuntimeException e) {
			if (e instanceof OAuth2AuthenticationException oauth) {
				throw oauth;
			}
			throw invalidClient("client_assertion is not a signed JWT");
		}
	}

	/** The PKCE verifier and friends travel with client authentication for confidential clients. */
	private static Map<String, Object> codeGrantParameters(Map<String, String[]> params) {
		Map<String, Object> additional = new HashMap<>();
		String[] grant = params.get(OAuth2ParameterNames.GRANT_TYPE);
		if (grant != null && grant.length == 1 && "authorization_code".equals(grant[0]) && params.containsKey(OAuth2ParameterNames.CODE)) {
			params.forEach((name, values) -> {
				if (!List.of(OAuth2ParameterNames.CLIENT_ASSERTION_TYPE, OAuth2ParameterNames.CLIENT_ASSERTION,
						OAuth2ParameterNames.CLIENT_ID).contains(name)) {
					additional.put(name, values.length == 1 ? values[0] : values);
				}
			});
		}
		return additional;
	}

	private static String single(Map<String, String[]> params, String name) {
		String[] values = params.get(name);
		if (values == null) {
			return null;
		}
		if (values.length != 1) {
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, name + " repeated", null));
		}
		return values[0];
	}

	private static OAuth2AuthenticationException invalidClient(String description) {
		return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, description, null));
	}
}
