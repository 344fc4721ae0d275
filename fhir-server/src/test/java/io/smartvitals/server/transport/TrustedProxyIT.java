package io.smartvitals.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smartvitals.server.ServerOverHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The {@code proxy} profile behind a TLS-terminating proxy: issuer and endpoints follow the
 * {@code X-Forwarded-Proto}/{@code -Host} of a trusted proxy (the test client, on 127.0.0.1).
 */
@SpringBootTest(
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {
			"spring.datasource.url=jdbc:h2:mem:vitals-trusted-proxy-it;DB_CLOSE_DELAY=-1",
			"vitals.operator-token=" + ServerOverHttp.OPERATOR_TOKEN,
			"vitals.auth.key-encryption-key=" + ServerOverHttp.TEST_KEK,
			"vitals.allowed-hosts=localhost,vitals.example.org"
		})
@ActiveProfiles("proxy")
class TrustedProxyIT {

	@LocalServerPort
	int port;

	@Test
	void issuerAndEndpointsFollowTheForwardedSchemeAndHost() throws Exception {
		JsonNode smart = ForwardedHeaders.discovery(port, true);
		String tenant = smart.get("tenant").asText();
		assertThat(smart.get("issuer").asText()).isEqualTo("https://vitals.example.org/auth/" + tenant);
		assertThat(smart.get("token_endpoint").asText()).isEqualTo("https://vitals.example.org/auth/" + tenant + "/token");
		assertThat(ForwardedHeaders.discovery(port, false).get("issuer").asText()).as("without headers: the direct address")
				.startsWith("http://localhost:" + port + "/auth/");
	}
}
