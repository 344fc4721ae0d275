package io.smartvitals.conformance.smart;

import io.smartvitals.conformance.support.Browser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import io.smartvitals.conformance.smart.SmartTenant.Client;
import io.smartvitals.conformance.support.Http;
import io.smartvitals.conformance.support.PostgresSuite;
import io.smartvitals.conformance.support.RawHttp;
import io.smartvitals.conformance.support.ServerNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two server processes on one PostgreSQL database, no sticky sessions: the second node is a
 * separate JVM (the exec jar) and shares nothing with the first but the database. Requests to it
 * name the first node's host and port, as both would sit behind one public name.
 * <ul>
 * <li>Issue 19, "on every node": a change made through one node ends the tokens at the other
 * within one second, at its FHIR API, its {@code /token} and its {@code /introspect}.
 * <li>Issue 20: a login on node 1 is approved on node 2 (the browser session is in the
 * database); a refresh token revoked on node 1 is refused on node 2 at once; a client assertion
 * used on one node cannot be replayed on the other; an export started on one node is polled and
 * downloaded on the other.
 * </ul>
 */
class TwoNodeIT extends PostgresSuite {

	private static ServerNode other;
	private static String host;

	@BeforeAll
	static void secondNode() {
		Optional<Path> jar = ServerNode.jar();
		if (jar.isEmpty()) {
			System.err.println("\n##  TWO-NODE SUITE SKIPPED: no fhir-server exec jar; run `mvn verify` from the root\n");
		}
		Assumptions.assumeTrue(jar.isPresent(), "fhir-server's exec jar is packaged before this module's tests");
		other = ServerNode.start(server, jar.get());
		host = "Host: localhost:" + URI.create(server.root()).getPort();
	}

	@AfterAll
	static void stop() {
		if (other != null) {
			other.close();
		}
	}

	private static int statusAtOther(String path, String bearer) {
		String answer = RawHttp.exchange("127.0.0.1", other.port(), "GET", path, null, host, "Authorization: " + bearer,
				"Accept: application/fhir+json");
		return Integer.parseInt(answer.substring(9, 12));
	}

	/** Time until the other node refuses with 401; only 200 before; fails after five seconds. */
	private static Duration untilRefusedAtOther(String path, String bearer) {
		long start = System.nanoTime();
		while (true) {
			int status = statusAtOther(path, bearer);
			Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
			if (status == 401) {
				return elapsed;
			}
			assertThat(status).as("only 200 until refused").isEqualTo(200);
			assertThat(elapsed).as("still 200 at the other node after %s", elapsed).isLessThan(Duration.ofSeconds(5));
		}
	}

	private static String formAt(int port, SmartTenant tenant, String endpoint, List<String> pairs) {
		return RawHttp.exchange("127.0.0.1", port, "POST", "/auth/" + tenant.id + "/" + endpoint, Browser.form(pairs), host,
				"Content-Type: application/x-www-form-urlencoded");
	}

	private static String pathAndQuery(String url) {
		URI uri = URI.create(url);
		return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
	}

	private static String getAtOther(String path, String bearer, String accept) {
		return RawHttp.exchange("127.0.0.1", other.port(), "GET", path, null, host, "Authorization: " + bearer, "Accept: " + accept);
	}

	private static String formAtOther(SmartTenant tenant, Client client, String endpoint, String... pairs) {
		return RawHttp.exchange("127.0.0.1", other.port(), "POST", "/auth/" + tenant.id + "/" + endpoint, Browser.form(List.of(pairs)),
				host, "Authorization: " + TokenEndpoint.basic(client.id(), client.secret()), "Content-Type: application/x-www-form-urlencoded");
	}

	@Test
	@DisplayName("a user disabled through one node: refused at the other node's FHIR API within 1 s, at its /token and /introspect")
	void disabledUserAtTheOtherNode() {
		SmartTenant tenant = SmartTenant.create(server, "two-user");
		JsonNode tokens = TokenRefreshIT.authorized(tenant, tenant.symmetricApp, IdentityLifecycleIT.SCOPE);
		String bearer = "Bearer " + tokens.get("access_token").asText();
		String readable = "/fhir/" + tenant.id + "/Patient/" + tokens.get("patient").asText();
		assertThat(statusAtOther(readable, bearer)).as("the other node serves the token first").isEqualTo(200);

		tenant.admin("POST", "/admin/tenants/" + tenant.id + "/users/" + SmartTenant.PRACTITIONER_USER + "/disable", null, 200);
		assertThat(untilRefusedAtOther(readable, bearer)).isLessThan(IdentityLifecycleIT.WITHIN);
		String refreshed = formAtOther(tenant, tenant.symmetricApp, "token", "grant_type", "refresh_token", "refresh_token",
				tokens.get("refresh_token").asText());
		assertThat(refreshed).startsWith("HTTP/1.1 400").contains("invalid_grant");
		String introspected = formAtOther(tenant, tenant.symmetricApp, "introspect", "token", tokens.get("access_token").asText());
		assertThat(introspected).startsWith("HTTP/1.1 200").contains("\"active\":false");
	}

	@Test
	@DisplayName("a client disabled and a tenant suspended through one node: their tokens refused at the other node within 1 s")
	void disabledClientAndSuspendedTenantAtTheOtherNode() {
		SmartTenant tenant = SmartTenant.create(server, "two-client");
		String backend = "Bearer " + TokenEndpoint.clientCredentials(tenant, tenant.backend, "system/Patient.rs").text("access_token");
		String readable = "/fhir/" + tenant.id + "/Patient/" + tenant.patient;
		assertThat(statusAtOther(readable, backend)).isEqualTo(200);
		tenant.admin("POST", "/admin/tenants/" + tenant.id + "/clients/" + tenant.backend.id() + "/disable", null, 200);
		assertThat(untilRefusedAtOther(readable, backend)).isLessThan(IdentityLifecycleIT.WITHIN);

		SmartTenant suspended = SmartTenant.create(server, "two-tenant");
		JsonNode tokens = TokenRefreshIT.authorized(suspended, suspended.symmetricApp, IdentityLifecycleIT.SCOPE);
		String user = "Bearer " + tokens.get("access_token").asText();
		String own = "/fhir/" + suspended.id + "/Patient/" + tokens.get("patient").asText();
		assertThat(statusAtOther(own, user)).isEqualTo(200);
		suspended.admin("POST", "/admin/tenants/" + suspended.id + "/suspend", null, 200);
		long start = System.nanoTime();
		int status;
		do {
			status = statusAtOther(own, user);
		} while (status == 200 && System.nanoTime() - start < 5_000_000_000L);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		assertThat(status).as("a suspended tenant's token at the other node").isIn(401, 403, 404);
		assertThat(elapsed).isLessThan(IdentityLifecycleIT.WITHIN);
	}

	@Test
	@DisplayName("authorization code flow: login on node 1, approval page and approval on node 2, code redeemed, token served by node 2")
	void loginOnOneNodeApprovalOnTheOther() {
		SmartTenant tenant = SmartTenant.create(server, "two-flow");
		AuthorizationFlow flow = new AuthorizationFlow(tenant, tenant.symmetricApp, IdentityLifecycleIT.SCOPE).approvingAt(other.port());
		AuthorizationFlow.Outcome outcome = flow.run();
		assertThat(flow.approvalPage).as("node 2 showed the approval page of node 1's login").isNotNull().contains("consent-form");
		assertThat(outcome.issuedCode()).as(outcome.toString()).isTrue();
		TokenEndpoint.Answer tokens = TokenEndpoint.exchange(flow, outcome.code());
		assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
		String readable = "/fhir/" + tenant.id + "/Patient/" + tokens.json().get("patient").asText();
		assertThat(statusAtOther(readable, "Bearer " + tokens.text("access_token"))).isEqualTo(200);
	}

	@Test
	@DisplayName("a refresh token revoked on node 1: node 2's /token refuses it at once (well within 1 s)")
	void refreshRevokedOnOneNodeRefusedOnTheOther() {
		SmartTenant tenant = SmartTenant.create(server, "two-refresh");
		JsonNode tokens = TokenRefreshIT.authorized(tenant, tenant.symmetricApp, IdentityLifecycleIT.SCOPE);
		String refresh = tokens.get("refresh_token").asText();
		TokenEndpoint.Answer revoked = TokenEndpoint.post(tenant, tenant.symmetricApp, "revoke", "token", refresh);
		assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
		long start = System.nanoTime();
		String refreshed = formAtOther(tenant, tenant.symmetricApp, "token", "grant_type", "refresh_token", "refresh_token", refresh);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		assertThat(refreshed).startsWith("HTTP/1.1 400").contains("invalid_grant").containsIgnoringCase("Cache-Control: no-store");
		assertThat(elapsed).isLessThan(IdentityLifecycleIT.WITHIN);
	}

	@Test
	@DisplayName("a backend client's assertion (its jti) accepted on node 1 is refused when replayed on node 2, and the other way round")
	void clientAssertionReplayedOnTheOtherNode() throws Exception {
		SmartTenant tenant = SmartTenant.create(server, "two-jti");
		for (boolean firstOnOne : new boolean[] {true, false}) {
			List<String> form = new ArrayList<>(List.of("grant_type", "client_credentials", "scope", "system/Patient.rs"));
			((PrivateKeyJWT) TokenEndpoint.authentication(tenant, tenant.backend, URI.create(tenant.tokenUrl()))).toParameters()
					.forEach((name, values) -> {
						form.add(name);
						form.add(values.get(0));
					});
			int node1 = URI.create(server.root()).getPort();
			String first = formAt(firstOnOne ? node1 : other.port(), tenant, "token", form);
			assertThat(first).as("first use").startsWith("HTTP/1.1 200").contains("access_token");
			String replay = formAt(firstOnOne ? other.port() : node1, tenant, "token", form);
			assertThat(RawHttp.status(replay)).as("replay at the other node").isIn(400, 401);
			assertThat(replay).contains("invalid_client").doesNotContain("access_token").containsIgnoringCase("Cache-Control: no-store");
		}
	}

	@Test
	@DisplayName("an export kicked off on node 1 is polled, its manifest read and its file downloaded on node 2")
	void exportStartedOnOneNodePolledOnTheOther() throws Exception {
		SmartTenant tenant = SmartTenant.create(server, "two-export");
		String bearer = "Bearer " + TokenEndpoint.clientCredentials(tenant, tenant.backend, "system/Patient.rs").text("access_token");
		HttpResponse<String> kickoff = Http.send("GET", tenant.base() + "/$export?_type=Patient",
				Map.of("Accept", "application/fhir+json", "Prefer", "respond-async", "Authorization", bearer), null);
		assertThat(kickoff.statusCode()).as(kickoff.body()).isEqualTo(202);
		String status = pathAndQuery(kickoff.headers().firstValue("Content-Location").orElseThrow());
		String answer = null;
		for (int i = 0; i < 60; i++) {
			answer = getAtOther(status, bearer, "application/json");
			if (RawHttp.status(answer) == 200) {
				break;
			}
			// In progress (202) or polled too soon (429): wait as the node's Retry-After says, like a client.
			assertThat(RawHttp.status(answer)).as(answer).isIn(202, 429);
			java.util.regex.Matcher retry = java.util.regex.Pattern.compile("(?im)^Retry-After: (\\d+)").matcher(answer);
			assertThat(retry.find()).as("Retry-After on " + RawHttp.status(answer)).isTrue();
			Thread.sleep(Math.min(5, Long.parseLong(retry.group(1))) * 1000 + 100);
		}
		assertThat(RawHttp.status(answer)).as("manifest at node 2").isEqualTo(200);
		JsonNode manifest = new ObjectMapper().readTree(RawHttp.body(answer));
		JsonNode output = manifest.get("output");
		assertThat(output).isNotEmpty();
		String file = pathAndQuery(output.get(0).get("url").asText());
		String download = getAtOther(file, bearer, "application/fhir+ndjson");
		assertThat(RawHttp.status(download)).as(download).isEqualTo(200);
		assertThat(RawHttp.body(download)).contains("\"id\":\"" + tenant.patient + "\"").contains("\"id\":\"" + tenant.otherPatient + "\"");
	}
}
