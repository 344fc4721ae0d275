package io.smartvitals.smart.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class AssertionSubjectTest {

	private final AssertionSubject rule = new AssertionSubject("bulk-client");

	private static Jwt assertion(String iss, String sub) {
		Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "RS384");
		if (iss != null) {
			jwt.claim("iss", iss);
		}
		if (sub != null) {
			jwt.subject(sub);
		}
		return jwt.build();
	}

	@Test
	void issAndSubBothTheClientIdPass() {
		assertThat(rule.validate(assertion("bulk-client", "bulk-client")).hasErrors()).isFalse();
	}

	@Test
	void anotherIssuerOrSubjectOrAMissingOneIsInvalidClient() {
		for (Jwt wrong : new Jwt[] {assertion("other", "bulk-client"), assertion("bulk-client", "other"), assertion(null, "bulk-client"),
				assertion("bulk-client", null), assertion("BULK-CLIENT", "BULK-CLIENT")}) {
			var result = rule.validate(wrong);
			assertThat(result.getErrors()).singleElement().satisfies(e -> {
				assertThat(e.getErrorCode()).isEqualTo("invalid_client");
				assertThat(e.getDescription()).isEqualTo("iss and sub must both be the client id");
			});
		}
	}
}
