package io.smartvitals.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.smartvitals.smart.auth.keys.KeyEncryptionKey;
import io.smartvitals.smart.auth.keys.SigningKey;
import io.smartvitals.smart.auth.keys.SigningKeyRepository;
import io.smartvitals.smart.auth.keys.TenantSigningKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Test and benchmark tool, never part of the server: mints access tokens of the contract shape
 * with a tenant's signing key, read from the server's own database and unsealed with the
 * key-encryption key the server was started with. Whoever holds database access and the KEK can
 * do this anyway; the server itself has no endpoint that mints tokens. Once the authorization
 * server's client_credentials grant exists, the load tools can ask it instead.
 */
public final class AccessTokens {

	private final TenantSigningKeys keys;
	private final String root;

	/** @param root the server's public root, e.g. {@code http://localhost:8080} */
	public AccessTokens(String jdbcUrl, String user, String password, String keyEncryptionKey, String root) {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(jdbcUrl, user, password);
		this.keys = new TenantSigningKeys(new SigningKeyRepository(new JdbcTemplate(dataSource), KeyEncryptionKey.fromBase64(keyEncryptionKey)),
				Clock.systemUTC(), Duration.ofMinutes(10), Duration.ofHours(1));
		this.root = root;
	}

	/** A backend (system/) token. */
	public String system(String tenant, String scopes) {
		return sign(tenant, claims(tenant, scopes, "backend-" + tenant, "backend-" + tenant, Duration.ofHours(1)).build());
	}

	/** A patient user's token, as the authorization server issues it: patient context and fhirUser are the patient. */
	public String patient(String tenant, String scopes, String patientId, String clientId) {
		return sign(tenant, claims(tenant, scopes, "patient-user-" + patientId, clientId, Duration.ofHours(1))
				.claim("patient", patientId).claim("fhirUser", "Patient/" + patientId).build());
	}

	public String user(String tenant, String scopes, String fhirUser, String clientId) {
		return sign(tenant, claims(tenant, scopes, fhirUser, clientId, Duration.ofHours(1)).claim("fhirUser", fhirUser).build());
	}

	public JWTClaimsSet.Builder claims(String tenant, String scopes, String subject, String clientId, Duration lifetime) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder()
				.issuer(root + "/auth/" + tenant)
				.audience(root + "/fhir/" + tenant)
				.subject(subject)
				.claim("client_id", clientId)
				.claim("tenant", tenant)
				.claim("scope", scopes)
				.jwtID(UUID.randomUUID().toString())
				.issueTime(Date.from(now))
				// As the server's own tokens: the exact issue time (revocations compare it).
				.claim("iat_ms", Long.toString(now.toEpochMilli()))
				.expirationTime(Date.from(now.plus(lifetime)));
	}

	/** Signs with {@code keyTenant}'s current key (tests sign other tenants' claims with it on purpose). */
	public String sign(String keyTenant, JWTClaimsSet claims) {
		SigningKey key = keys.signingKey(keyTenant).orElseThrow(() -> new IllegalStateException("No signing key for " + keyTenant));
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.kid()).type(JOSEObjectType.JWT).build(), claims);
			jwt.sign(new RSASSASigner(key.jwk()));
			return jwt.serialize();
		} catch (JOSEException e) {
			throw new IllegalStateException(e);
		}
	}
}
