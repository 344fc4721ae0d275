package io.smartvitals.smart.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.smartvitals.smart.auth.client.ClientType;
import io.smartvitals.smart.auth.client.LaunchType;
import io.smartvitals.smart.auth.client.SmartClient;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AssertionHeaderRulesTest {

	private static final String JWKS_URL = "https://backend.example/jwks.json";

	private static SmartClient client(String jwksUrl) {
		Instant now = Instant.parse("2026-12-01T00:00:00Z");
		return new SmartClient("id-1", "general-hospital", "bulk-client", "Bulk", ClientType.CONFIDENTIAL_ASYMMETRIC, List.of(),
				List.of("system/Observation.rs"), Set.of(LaunchType.BACKEND), null, jwksUrl == null ? "{\"keys\":[]}" : null, jwksUrl,
				null, null, null, "team", "export", now.plusSeconds(86400), now, null, null);
	}

	private static Optional<String> problem(JWSHeader.Builder header, String jwksUrl) {
		return AssertionHeaderRules.problem(header.build(), client(jwksUrl));
	}

	@Test
	void rs384AndEs384WithOrWithoutTypJwtPass() {
		assertThat(problem(new JWSHeader.Builder(JWSAlgorithm.RS384).keyID("k"), null)).isEmpty();
		assertThat(problem(new JWSHeader.Builder(JWSAlgorithm.ES384).type(JOSEObjectType.JWT), null)).isEmpty();
		assertThat(problem(new JWSHeader.Builder(JWSAlgorithm.RS384).jwkURL(URI.create(JWKS_URL)), JWKS_URL)).as("the registered jku").isEmpty();
	}

	@Test
	void eachForbiddenHeaderHasItsOwnRefusal() throws Exception {
		assertThat(problem(new JWSHeader.Builder(JWSAlgorithm.RS256), null)).contains("alg must be RS384 or ES384");
		assertThat(problem(new JWSHeader.Builder(JWSAlgorithm.HS384), null)).contains("alg must be RS384 or ES384");
		assertThat(problem(new JWSHeader.Builder(JWSAlgorithm.RS384).type(new JOSEObjectType("at+jwt")), null)).contains("typ must be JWT");
		var embedded = new RSAKeyGenerator(2048).generate().toPublicJWK();
		assertThat(problem(new JWSHeader.Builder(JWSAlgorithm.RS384).jwk(embedded), null))
				.contains("keys embedded in or linked from the header are not accepted");
		assertThat(problem(new JWSHeader.Builder(JWSAlgorithm.RS384).x509CertURL(URI.create("https://evil.example/c.pem")), null))
				.contains("keys embedded in or linked from the header are not accepted");
		assertThat(problem(new JWSHeader.Builder(JWSAlgorithm.RS384).criticalParams(Set.of("exp")).customParam("exp", 1), null))
				.contains("critical header parameters not understood");
		assertThat(problem(new JWSHeader.Builder(JWSAlgorithm.RS384).jwkURL(URI.create("https://evil.example/jwks.json")), JWKS_URL))
				.contains("jku is not the client's registered JWKS URL");
		assertThat(problem(new JWSHeader.Builder(JWSAlgorithm.RS384).jwkURL(URI.create(JWKS_URL)), null))
				.as("jku for a client with inline keys").contains("jku is not the client's registered JWKS URL");
	}
}
