package io.smartvitals.conformance.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartvitals.conformance.support.Http;
import io.smartvitals.conformance.support.PostgresSuite;
import io.smartvitals.conformance.support.RawHttp;
import java.net.URI;
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
	void anUnconfiguredHostIsRefusedOnEveryDoor(String host) {
		for (String path : new String[] {"/fhir/" + tenant + "/.well-known/smart-configuration", "/fhir/" + tenant + "/metadata",
				"/auth/" + tenant + "/.well-known/openid-configuration", "/auth/" + tenant + "/authorize?client_id=x", "/auth/" + tenant + "/login"}) {
			String answer = raw(path, "Host: " + host);
			assertThat(answer).as("%s with Host %s", path, host).startsWith("HTTP/1.1 400");
			assertThat(answer).as(path).contains("\"resourceType\":\"OperationOutcome\"").doesNotContain("evil.example/")
					.doesNotContain("Location:");
		}
	}

	@Test
	void theConfiguredHostIsServedAndItsUrlsNameIt() {
		String answer = raw("/fhir/" + tenant + "/.well-known/smart-configuration", "Host: localhost:" + port);
		assertThat(answer).startsWith("HTTP/1.1 200").contains("\"issuer\":\"http://localhost:" + port + "/auth/" + tenant + "\"");
	}

	@Test
	void forwardedHeadersFromACallerThatIsNotAProxyChangeNothing() {
		String answer = raw("/fhir/" + tenant + "/.well-known/smart-configuration", "Host: localhost:" + port,
				"X-Forwarded-Host: evil.example", "X-Forwarded-Proto: https", "Forwarded: host=evil.example;proto=https");
		assertThat(answer).startsWith("HTTP/1.1 200").doesNotContain("evil.example")
				.contains("\"issuer\":\"http://localhost:" + port + "/auth/" + tenant + "\"");
	}

	private static String raw(String path, String... headers) {
		String[] all = java.util.Arrays.copyOf(headers, headers.length + 1);
		all[headers.length] = "Accept: application/json";
		return RawHttp.exchange("127.0.0.1", port, "GET", path, null, all);
	}
}
