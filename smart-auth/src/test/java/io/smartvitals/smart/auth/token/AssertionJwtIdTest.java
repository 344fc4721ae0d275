package io.smartvitals.smart.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class AssertionJwtIdTest {

	private static boolean refused(String jti) {
		Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "RS384").claim("iss", "c");
		if (jti != null) {
			jwt.jti(jti);
		}
		return new AssertionJwtId().validate(jwt.build()).hasErrors();
	}

	@Test
	void aJtiUpTo256CharactersPasses() {
		assertThat(refused("f3b1c0de")).isFalse();
		assertThat(refused("x".repeat(AssertionJwtId.MAX_LENGTH))).isFalse();
	}

	@Test
	void aMissingBlankOrOverlongJtiIsRefused() {
		assertThat(refused(null)).isTrue();
		assertThat(refused(" ")).isTrue();
		assertThat(refused("x".repeat(AssertionJwtId.MAX_LENGTH + 1))).isTrue();
	}
}
