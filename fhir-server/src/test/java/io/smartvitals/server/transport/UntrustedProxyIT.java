package io.smartvitals.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smartvitals.server.ServerOverHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The {@code proxy} profile with a proxy address that is not the caller's: forwarded headers are ignored. */
@SpringBootTest(
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {
			"spring.datasource.url=jdbc:h2:mem:vitals-untrusted-proxy-it;DB_CLOSE_DELAY=-1",
			"vitals.operator-token=" + ServerOverHttp.OPERATOR_TOKEN,
			"vitals.auth.key-encryption-key=" + ServerOverHttp.TEST_KEK,
			// Only 10.9.8.7 is a proxy; the test client (127.0.0.1) is not.
			"server.tomcat.remoteip.internal-proxies=10\\.9\\.8\\.7"
		})
@ActiveProfiles("proxy")
class UntrustedProxyIT {

	@LocalServerPort
	int port;

	@Test
	void forwardedHeadersFromAnyoneButTheProxyAreIgnored() throws Exception {
		JsonNode smart = ForwardedHeaders.discovery(port, true);
		assertThat(smart.get("issuer").asText()).isEqualTo("http://localhost:" + port + "/auth/" + smart.get("tenant").asText());
	}
}
