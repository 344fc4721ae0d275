package io.smartvitals.smart.auth.client;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RedirectUriRuleTest {

	@Test
	void httpsAndLoopbackHttpAreAccepted() {
		for (String uri : new String[] {"https://app.example/callback", "https://app.example:8443/cb?x=1", "http://localhost:3000/cb",
				"http://127.0.0.1/cb", "http://[::1]:8080/cb"}) {
			assertThatCode(() -> RedirectUriRule.check(uri)).as(uri).doesNotThrowAnyException();
		}
	}

	@Test
	void eachUnsafeFormIsRefusedWithItsReason() {
		refused("/relative/callback", "must be absolute");
		refused("https://app.example/cb#fragment", "must not have a fragment");
		refused("https://user:pw@app.example/cb", "must not carry user info");
		refused("http://app.example/cb", "https required");
		refused("http://localhost.evil.example/cb", "https required");
		refused("http://127.0.0.1.nip.io/cb", "https required");
		refused("javascript:alert(1)", "must be absolute");
		refused("https://app example/cb", "not a URI");
	}

	private static void refused(String uri, String reason) {
		assertThatThrownBy(() -> RedirectUriRule.check(uri)).as(uri).isInstanceOf(ClientRegistrationException.class).hasMessageContaining(reason);
	}
}
