package io.smartvitals.smart.auth.server;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.smartvitals.smart.auth.keys.TenantSigningKeys;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Reads this tenant's own access tokens where the authorization server itself accepts them
 * (OpenID Connect userinfo): RS256, a key of the request's tenant, that tenant's issuer.
 */
public class TenantAccessTokenDecoder implements JwtDecoder {

	private final NimbusJwtDecoder decoder;

	public TenantAccessTokenDecoder(TenantSigningKeys keys) {
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
				(selector, context) -> selector.select(keys.publishedKeys(TenantIssuer.current().tenant()))));
		this.decoder = new NimbusJwtDecoder(processor);
		this.decoder.setJwtValidator(token -> {
			OAuth2TokenValidatorResult defaults = JwtValidators.createDefault().validate(token);
			if (defaults.hasErrors()) {
				return defaults;
			}
			return TenantIssuer.current().issuer().equals(token.getClaimAsString("iss"))
					? OAuth2TokenValidatorResult.success()
					: OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "issued by another tenant", null));
		});
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		return decoder.decode(token);
	}
}
