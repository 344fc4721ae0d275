package io.smartvitals.conformance.audit;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.smartvitals.conformance.support.RunningServer;
import io.smartvitals.smart.auth.keys.SigningKey;
import io.smartvitals.smart.auth.keys.TenantSigningKeys;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Access tokens of the contract's shape, signed with the tenant's own key, standing in for the
 * token endpoint that is still being built.
 */
final class AuditTokens {

	private AuditTokens() {}

	static String token(RunningServer server, String tenant, String clientId, String scope) {
		TenantSigningKeys keys = server.fixture(TenantSigningKeys.class);
		SigningKey key = keys.signingKey(tenant).orElseThrow();
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder()
				.issuer(server.root() + "/auth/" + tenant)
				.audience(server.base(tenant))
				.subject(clientId)
				.claim("client_id", clientId)
				.claim("tenant", tenant)
				.claim("scope", scope)
				.jwtID(UUID.randomUUID().toString())
				.issueTime(Date.from(now))
				.expirationTime(Date.from(now.plusSeconds(300)))
				.build();
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.kid()).type(JOSEObjectType.JWT).build(), claims);
			jwt.sign(new RSASSASigner(key.jwk()));
			return jwt.serialize();
		} catch (com.nimbusds.jose.JOSEException e) {
			throw new IllegalStateException(e);
		}
	}
}
