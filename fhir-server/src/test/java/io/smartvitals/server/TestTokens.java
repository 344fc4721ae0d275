package io.smartvitals.server;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.smartvitals.smart.auth.keys.SigningKey;
import io.smartvitals.smart.auth.keys.TenantSigningKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Test fixture: access tokens of the contract shape (iss, aud, sub, client_id, tenant, scope,
 * jti, iat, exp, patient, fhirUser), signed with the tenant's current signing key, so the
 * server verifies them exactly as it will verify the authorization server's.
 */
public record TestTokens(TenantSigningKeys keys, String root) {

	public String system(String tenant, String scopes) {
		return mint(tenant, scopes, "backend-" + tenant, "backend-" + tenant, null, null, Duration.ofMinutes(10));
	}

	public String patient(String tenant, String scopes, String patientId) {
		return mint(tenant, scopes, "patient-user", "patient-app", patientId, null, Duration.ofMinutes(10));
	}

	public String user(String tenant, String scopes, String fhirUser, String clientId) {
		return mint(tenant, scopes, fhirUser, clientId, null, fhirUser, Duration.ofMinutes(10));
	}

	public String mint(String tenant, String scopes, String subject, String clientId, String patient, String fhirUser, Duration lifetime) {
		return sign(tenant, claims(tenant, scopes, subject, clientId, patient, fhirUser, lifetime).build());
	}

	public JWTClaimsSet.Builder claims(String tenant, String scopes, String subject, String clientId, String patient, String fhirUser, Duration lifetime) {
		Instant now = Instant.now();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
				.issuer(root + "/auth/" + tenant)
				.audience(root + "/fhir/" + tenant)
				.subject(subject)
				.claim("client_id", clientId)
				.claim("tenant", tenant)
				.claim("scope", scopes)
				.jwtID(UUID.randomUUID().toString())
				.issueTime(Date.from(now))
				// As the server's own tokens: the exact issue time, so a token minted in the second of a
				// revocation but after it is not taken for an older one (RevocationInstant).
				.claim("iat_ms", Long.toString(now.toEpochMilli()))
				.expirationTime(Date.from(now.plus(lifetime)));
		if (patient != null) {
			claims.claim("patient", patient);
		}
		if (fhirUser != null) {
			claims.claim("fhirUser", fhirUser);
		}
		return claims;
	}

	public String sign(String keyTenant, JWTClaimsSet claims) {
		SigningKey key = keys.signingKey(keyTenant).orElseThrow();
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.kid()).type(JOSEObjectType.JWT).build(), claims);
			jwt.sign(new RSASSASigner(key.jwk()));
			return jwt.serialize();
		} catch (JOSEException e) {
			throw new IllegalStateException(e);
		}
	}
}
