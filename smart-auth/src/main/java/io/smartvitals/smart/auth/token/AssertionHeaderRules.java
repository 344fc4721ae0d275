package io.smartvitals.smart.auth.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import io.smartvitals.smart.auth.client.SmartClient;
import java.util.Optional;
import java.util.Set;

/**
 * What a client assertion's JOSE header may say (SMART Backend Services, RFC 7515 section 4.1.11):
 * {@code alg} RS384 or ES384, {@code typ} JWT if present, no keys embedded in or linked from the
 * header, {@code jku} only if it is the client's registered JWKS URL, no {@code crit}. Checked
 * before the signature, so that a refusal says which rule, where Nimbus would say only "invalid".
 */
final class AssertionHeaderRules {

	static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS384, JWSAlgorithm.ES384);

	private AssertionHeaderRules() {}

	static Optional<String> problem(JWSHeader header, SmartClient client) {
		if (!ALGORITHMS.contains(header.getAlgorithm())) {
			return Optional.of("alg must be RS384 or ES384");
		}
		if (header.getType() != null && !JOSEObjectType.JWT.equals(header.getType())) {
			return Optional.of("typ must be JWT");
		}
		if (header.getJWK() != null || header.getX509CertURL() != null || header.getX509CertChain() != null) {
			return Optional.of("keys embedded in or linked from the header are not accepted");
		}
		if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
			return Optional.of("critical header parameters not understood");
		}
		if (header.getJWKURL() != null && (client.jwksUrl() == null || !client.jwksUrl().equals(header.getJWKURL().toString()))) {
			return Optional.of("jku is not the client's registered JWKS URL");
		}
		return Optional.empty();
	}
}
