package io.smartvitals.smart.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class AssertionLifetimeTest {

	private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
	private final AssertionLifetime rule = new AssertionLifetime(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(30));

	private static Jwt assertion(Instant exp, Instant nbf) {
		Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "RS384").claim("iss", "c");
		if (exp != null) {
			jwt.expiresAt(exp);
		}
		if (nbf != null) {
			jwt.notBefore(nbf);
		}
		return jwt.build();
	}

	private String refusal(Instant exp, Instant nbf) {
		var result = rule.validate(assertion(exp, nbf));
		return result.hasErrors() ? result.getErrors().iterator().next().getDescription() : null;
	}

	@Test
	void withinFiveMinutesAndTheSkewPasses() {
		assertThat(refusal(NOW.plusSeconds(240), null)).isNull();
		assertThat(refusal(NOW.plus(Duration.ofMinutes(5)).plusSeconds(30), null)).as("five minutes plus skew").isNull();
		assertThat(refusal(NOW.minusSeconds(29), null)).as("expired within the skew").isNull();
		assertThat(refusal(NOW.plusSeconds(60), NOW.plusSeconds(30))).as("nbf within the skew").isNull();
	}

	@Test
	void eachBoundHasItsOwnRefusal() {
		assertThat(refusal(null, null)).isEqualTo("exp missing");
		assertThat(refusal(NOW.minusSeconds(30), null)).isEqualTo("assertion expired");
		assertThat(refusal(NOW.plus(Duration.ofMinutes(5)).plusSeconds(31), null)).isEqualTo("exp more than five minutes ahead");
		assertThat(refusal(NOW.plusSeconds(60), NOW.plusSeconds(31))).isEqualTo("assertion not yet valid");
	}
}
