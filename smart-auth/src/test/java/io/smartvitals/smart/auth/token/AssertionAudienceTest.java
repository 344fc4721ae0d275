package io.smartvitals.smart.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.Base64URL;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class AssertionAudienceTest {

	private static final String TOKEN_URL = "https://vitals.example/auth/general-hospital/token";
	private final AssertionAudience rule = new AssertionAudience(() -> TOKEN_URL);

	/** The rule reads the compact form's payload (the decoded claims turn a string into a list), so the test builds one. */
	private static Jwt assertion(String payloadJson) {
		String compact = Base64URL.encode("{\"alg\":\"RS384\"}") + "." + Base64URL.encode(payloadJson) + "." + Base64URL.encode("sig");
		return Jwt.withTokenValue(compact).header("alg", "RS384").claim("aud", List.of("parsed")).build();
	}

	@Test
	void theTokenEndpointAsASingleStringPasses() {
		assertThat(rule.validate(assertion("{\"aud\":\"" + TOKEN_URL + "\"}")).hasErrors()).isFalse();
	}

	@Test
	void anArrayAnotherUrlAMissingAudOrAnUnreadableTokenIsRefused() {
		for (String payload : List.of("{\"aud\":[\"" + TOKEN_URL + "\"]}", "{\"aud\":\"" + TOKEN_URL + "/\"}",
				"{\"aud\":\"https://vitals.example/auth/other/token\"}", "{}")) {
			assertThat(rule.validate(assertion(payload)).getErrors()).as(payload).singleElement()
					.satisfies(e -> assertThat(e.getDescription()).isEqualTo("aud must be the token endpoint URL, as a single string"));
		}
		Jwt unreadable = Jwt.withTokenValue("not-a-jwt").header("alg", "RS384").claim("aud", TOKEN_URL).build();
		assertThat(rule.validate(unreadable).hasErrors()).isTrue();
	}
}
