package io.smartvitals.conformance.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartvitals.conformance.support.Http;
import io.smartvitals.conformance.support.PostgresSuite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 19: issuer, FHIR base and discovery are written from the host a request names, so only
 * the configured host names are served ({@code vitals.allowed-hosts}; this server: the local
 * defaults). Another {@code Host} is 400 before anything builds a URL from it, and
 * {@code X-Forwarded-Host} from a caller that is not a configured proxy changes nothing.
 * Raw HTTP/1.1, because Java's client will not send a {@code Host} of the caller's choosing.
 */
class HostHeaderIT extends PostgresSuite {

	private static String tenant;
	private static int port;

	@BeforeAll
	static void tenant() {
		tenant = Http.createTenant(server, "host-" + UUID.randomUUID().toString().substring(0, 6));
		port = URI.create(server.root()).getPort();
	}

	@ParameterizedTest(name = "Host: {0}")
	@ValueSource(strings = {"evil.example", "evil.example:443", "localhost.evil.example", "127.0.0.2"})
	void anUnconfiguredHostIsRefusedOnEveryDoor(String host) throws IOException {
		for (String path : new String[] {"/fhir/" + tenant + "/.well-known/smart-configuration", "/fhir/" + tenant + "/metadata",
				"/auth/" + tenant + "/.well-known/openid-configuration", "/auth/" + tenant + "/authorize?client_id=x", "/auth/" + tenant + "/login"}) {
			String answer = raw(path, "Host: " + host);
			assertThat(answer).as("%s with Host %s", path, host).startsWith("HTTP/1.1 400");
			assertThat(answer).as(path).contains("\"resourceType\":\"OperationOutcome\"").doesNotContain("evil.example/")
					.doesNotContain("Location:");
		}
	}

	@Test
	void theConfiguredHostIsServedAndItsUrlsNameIt() throws IOException {
		String answer = raw("/fhir/" + tenant + "/.well-known/smart-configuration", "Host: localhost:" + port);
		assertThat(answer).startsWith("HTTP/1.1 200").contains("\"issuer\":\"http://localhost:" + port + "/auth/" + tenant + "\"");
	}

	@Test
	void forwardedHeadersFromACallerThatIsNotAProxyChangeNothing() throws IOException {
		String answer = raw("/fhir/" + tenant + "/.well-known/smart-configuration", "Host: localhost:" + port,
				"X-Forwarded-Host: evil.example", "X-Forwarded-Proto: https", "Forwarded: host=evil.example;proto=https");
		assertThat(answer).startsWith("HTTP/1.1 200").doesNotContain("evil.example")
				.contains("\"issuer\":\"http://localhost:" + port + "/auth/" + tenant + "\"");
	}

	private static String raw(String path, String... headers) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\n");
			for (String header : headers) {
				request.append(header).append("\r\n");
			}
			request.append("Accept: application/json\r\nConnection: close\r\n\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream answer = new ByteArrayOutputStream();
			in.transferTo(answer);
			return answer.toString(StandardCharsets.UTF_8);
		}
	}
}
