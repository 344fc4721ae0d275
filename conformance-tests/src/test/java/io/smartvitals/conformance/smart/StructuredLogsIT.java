package io.smartvitals.conformance.smart;

import io.smartvitals.conformance.support.Browser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import io.smartvitals.conformance.support.PostgresSuite;
import io.smartvitals.conformance.support.RawHttp;
import io.smartvitals.conformance.support.RunningServer;
import io.smartvitals.conformance.support.ServerNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, logs: a node started with {@code logging.structured.format.console=ecs} writes one
 * JSON object per line; each line of a request carries its request id, tenant and (once
 * authenticated) client; no token, client assertion, password, secret or query string (which may
 * name a patient) is ever written. The same node is scraped with its own metrics token.
 */
class StructuredLogsIT extends PostgresSuite {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static String field(JsonNode line, String dotted) {
		// ECS nests dotted MDC keys in Boot 3.5 ({"vitals":{"tenant":..}}); accept the flat spelling too.
		JsonNode flat = line.get(dotted);
		if (flat != null) {
			return flat.asText();
		}
		JsonNode nested = line.at("/" + dotted.replace('.', '/'));
		return nested.isMissingNode() ? null : nested.asText();
	}

	@Test
	@DisplayName("ECS JSON lines with request id, tenant and client; no tokens, assertions, passwords, secrets or query strings")
	void structuredAndClean() throws IOException {
		Optional<Path> jar = ServerNode.jar();
		if (jar.isEmpty()) {
			System.err.println("\n##  STRUCTURED-LOGS SUITE SKIPPED: no fhir-server exec jar; run `mvn verify` from the root\n");
		}
		Assumptions.assumeTrue(jar.isPresent(), "fhir-server's exec jar is packaged before this module's tests");
		String metricsToken = "metrics-" + UUID.randomUUID();
		SmartTenant tenant = SmartTenant.create(server, "logs");
		String host = "Host: localhost:" + URI.create(server.root()).getPort();
		List<String> secrets = new ArrayList<>(List.of(RunningServer.OPERATOR_TOKEN, server.keyEncryptionKey(), metricsToken,
				SmartTenant.PASSWORD, tenant.symmetricApp.secret()));
		String output;
		try (ServerNode node = ServerNode.start(server, jar.get(), "--logging.structured.format.console=ecs",
				"--vitals.metrics-token=" + metricsToken)) {
			// A backend token at this node, with a signed client assertion.
			List<String> form = new ArrayList<>(List.of("grant_type", "client_credentials", "scope", "system/Patient.rs"));
			((PrivateKeyJWT) TokenEndpoint.authentication(tenant, tenant.backend, URI.create(tenant.tokenUrl()))).toParameters()
					.forEach((name, values) -> {
						form.add(name);
						form.add(values.get(0));
						if (name.equals("client_assertion")) {
							secrets.add(values.get(0));
						}
					});
			String granted = RawHttp.exchange("127.0.0.1", node.port(), "POST", "/auth/" + tenant.id + "/token", Browser.form(form), host,
					"Content-Type: application/x-www-form-urlencoded");
			assertThat(granted).startsWith("HTTP/1.1 200");
			String access = JSON.readTree(RawHttp.body(granted)).get("access_token").asText();
			secrets.add(access);
			String read = RawHttp.exchange("127.0.0.1", node.port(), "GET", "/fhir/" + tenant.id + "/Patient/" + tenant.patient, null, host,
					"Authorization: Bearer " + access, "Accept: application/fhir+json");
			assertThat(read).startsWith("HTTP/1.1 200");
			String search = RawHttp.exchange("127.0.0.1", node.port(), "GET", "/fhir/" + tenant.id + "/Patient?family=One&birthdate=1970-01-01",
					null, host, "Authorization: Bearer " + access, "Accept: application/fhir+json");
			assertThat(search).startsWith("HTTP/1.1 200");
			// A user's tokens (login with password, approval) through this node.
			AuthorizationFlow flow = new AuthorizationFlow(tenant, tenant.symmetricApp, IdentityLifecycleIT.SCOPE).approvingAt(node.port());
			AuthorizationFlow.Outcome outcome = flow.run();
			assertThat(outcome.issuedCode()).as(outcome.toString()).isTrue();
			secrets.add(outcome.code());
			JsonNode user = TokenEndpoint.exchange(flow, outcome.code()).json();
			secrets.add(user.get("access_token").asText());
			secrets.add(user.get("refresh_token").asText());
			String refused = RawHttp.exchange("127.0.0.1", node.port(), "GET", "/fhir/" + tenant.id + "/Patient", null, host,
					"Authorization: Bearer " + access + "x");
			assertThat(refused).startsWith("HTTP/1.1 401");

			// The scrape at this node: its metrics token works, and so does the operator's; nothing else.
			assertThat(RawHttp.exchange("127.0.0.1", node.port(), "GET", "/actuator/prometheus", null, host,
					"Authorization: Bearer " + metricsToken)).startsWith("HTTP/1.1 200").contains("vitals_token_requests_total");
			assertThat(RawHttp.exchange("127.0.0.1", node.port(), "GET", "/actuator/prometheus", null, host,
					"Authorization: Bearer " + RunningServer.OPERATOR_TOKEN)).startsWith("HTTP/1.1 200");
			assertThat(RawHttp.exchange("127.0.0.1", node.port(), "GET", "/actuator/prometheus", null, host,
					"Authorization: Bearer " + metricsToken + "x")).startsWith("HTTP/1.1 401");
			output = node.output();
		}

		List<JsonNode> lines = new ArrayList<>();
		for (String line : output.split("\n")) {
			if (!line.isBlank()) {
				lines.add(JSON.readTree(line)); // throws on any line that is not one JSON object
			}
		}
		List<JsonNode> fhirRead = lines.stream().filter(l -> "io.smartvitals.access".equals(l.path("log").path("logger").asText(l.path("log.logger").asText())))
				.filter(l -> l.path("message").asText().contains("/Patient/" + tenant.patient)).toList();
		assertThat(fhirRead).as("the access log line of the FHIR read").hasSize(1);
		JsonNode readLine = fhirRead.get(0);
		assertThat(field(readLine, "vitals.requestId")).isNotBlank();
		assertThat(field(readLine, "vitals.tenant")).isEqualTo(tenant.id);
		assertThat(field(readLine, "vitals.client")).isEqualTo(tenant.backend.id());
		assertThat(lines.stream().filter(l -> l.path("message").asText().contains("/auth/" + tenant.id + "/token"))
				.filter(l -> tenant.backend.id().equals(field(l, "vitals.client")))).as("the token request's line names the client").isNotEmpty();

		for (String secret : secrets) {
			assertThat(output).as("a secret or token in the log").doesNotContain(secret);
		}
		assertThat(output).doesNotContain("family=One").doesNotContain("1970-01-01").doesNotContain("client_assertion=");
	}
}
