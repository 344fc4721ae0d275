package io.smartvitals.smart.auth.token;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import io.smartvitals.smart.auth.keys.SigningKey;
import io.smartvitals.smart.auth.keys.TenantSigningKeys;
import io.smartvitals.smart.auth.server.TenantIssuer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtEncodingException;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Signs tokens with the key that currently signs for the request's tenant (RS256: RSA verification
 * is ~40 us where ECDSA costs ~1 ms, and every FHIR request verifies one). Keys published ahead of
 * their time are in the JWKS but never sign here.
 */
public class TenantJwtEncoder implements JwtEncoder {

	private final TenantSigningKeys keys;
	private final Map<String, NimbusJwtEncoder> encodersByKid = new ConcurrentHashMap<>();

	public TenantJwtEncoder(TenantSigningKeys keys) {
		this.keys = keys;
	}

	@Override
	public Jwt encode(JwtEncoderParameters parameters) throws JwtEncodingException {
		String tenant = TenantIssuer.current().tenant();
		SigningKey key = keys.signingKey(tenant)
				.orElseThrow(() -> new JwtEncodingException("tenant " + tenant + " has no signing key"));
		NimbusJwtEncoder encoder = encodersByKid.computeIfAbsent(
				key.kid(), kid -> new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key.jwk()))));
		JwsHeader header = JwsHeader.from(parameters.getJwsHeader() != null
						? parameters.getJwsHeader()
						: JwsHeader.with(SignatureAlgorithm.RS256).build())
				.algorithm(SignatureAlgorithm.RS256)
				.keyId(key.kid())
				.type("JWT")
				.build();
		return encoder.encode(JwtEncoderParameters.from(header, parameters.getClaims()));
	}
}
