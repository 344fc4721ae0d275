package io.smartvitals.conformance.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartvitals.conformance.support.Http;
import io.smartvitals.conformance.support.PostgresForTests;
import io.smartvitals.conformance.support.PostgresSuite;
import io.smartvitals.conformance.support.RawHttp;
import io.smartvitals.conformance.support.RunningServer;
import io.smartvitals.conformance.support.ServerNode;
import io.smartvitals.smart.auth.keys.KeyEncryptionKey;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, health and metrics: the probes are open and say only UP/DOWN; info, metrics and the
 * Prometheus scrape need a credential; nothing else of Actuator answers; the scrape carries the
 * named series with bounded tenant tags.
 */
class ActuatorIT extends PostgresSuite {

	private static final String OPERATOR = "Bearer " + RunningServer.OPERATOR_TOKEN;

	private static HttpResponse<String> get(String path, String authorization) {
		return Http.send("GET", server.root() + path, Map.of("Authorization", authorization), null);
	}

	@Test
	@DisplayName("liveness and readiness: open, UP, no component details")
	void probes() {
		for (String probe : new String[] {"/actuator/health/liveness", "/actuator/health/readiness", "/actuator/health"}) {
			HttpResponse<String> answer = get(probe, Http.NO_TOKEN);
			assertThat(answer.statusCode()).as(probe).isEqualTo(200);
			assertThat(answer.body()).as(probe).startsWith("{\"status\":\"UP\"").doesNotContain("components").doesNotContain("details");
		}
	}

	@Test
	@DisplayName("info, metrics and prometheus: 401 without or with a wrong credential, and never any other endpoint")
	void guarded() {
		for (String path : new String[] {"/actuator/prometheus", "/actuator/info", "/actuator/metrics", "/actuator/env", "/actuator/beans",
				"/actuator/heapdump", "/actuator/loggers", "/actuator", "/actuator/health/db"}) {
			HttpResponse<String> without = get(path, Http.NO_TOKEN);
			assertThat(without.statusCode()).as(path).isEqualTo(401);
			assertThat(without.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
			assertThat(get(path, "Bearer wrong-" + UUID.randomUUID()).statusCode()).as(path).isEqualTo(401);
		}
		for (String path : new String[] {"/actuator/env", "/actuator/beans", "/actuator/heapdump", "/actuator/loggers", "/actuator/threaddump"}) {
			assertThat(get(path, OPERATOR).statusCode()).as("%s is not exposed, even to the operator", path).isEqualTo(404);
		}
	}

	@Test
	@DisplayName("info: version and commit")
	void info() {
		HttpResponse<String> info = get("/actuator/info", OPERATOR);
		assertThat(info.statusCode()).isEqualTo(200);
		assertThat(info.body()).contains("\"version\":\"0.1.0-SNAPSHOT\"").containsPattern("\"commit\":\\{\"id\":\"[0-9a-f]{7}");
	}

	@Test
	@DisplayName("prometheus: HTTP per tenant and interaction, token grants, denials by rule, export, audit, pool; unknown tenants add no series")
	void series() {
		String tenant = Http.createTenant(server, "metrics-" + UUID.randomUUID().toString().substring(0, 8));
		String system = server.systemAuthorization(tenant);
		assertThat(Http.get(server.base(tenant) + "/Patient?_count=1", system).statusCode()).isEqualTo(200);
		assertThat(Http.get(server.base(tenant) + "/AuditEvent", system).statusCode()).isEqualTo(403);
		String sprayed = "nosuch-" + UUID.randomUUID().toString().substring(0, 8);
		Http.get(server.root() + "/fhir/" + sprayed + "/metadata", Http.NO_TOKEN);
		Http.send("POST", server.root() + "/auth/" + tenant + "/token", Map.of("Content-Type", "application/x-www-form-urlencoded",
				"Authorization", Http.NO_TOKEN), "grant_type=client_credentials&client_id=nobody");

		HttpResponse<String> scrape = get("/actuator/prometheus", OPERATOR);
		assertThat(scrape.statusCode()).isEqualTo(200);
		String text = scrape.body();
		assertThat(text)
				.containsPattern("http_server_requests_seconds_count\\{[^}]*interaction=\"search-type\"[^}]*tenant=\"" + tenant + "\"[^}]*uri=\"/fhir/\\{tenant\\}\"")
				.containsPattern("http_server_requests_seconds_bucket\\{[^}]*tenant=\"" + tenant + "\"")
				.containsPattern("vitals_access_denials_total\\{[^}]*rule=\"scope\"[^}]*tenant=\"" + tenant + "\"")
				.containsPattern("vitals_token_requests_total\\{[^}]*grant_type=\"[a-z_:-]+\"[^}]*outcome=\"[a-z]+\"")
				.contains("vitals_audit_write_seconds_count")
				.contains("vitals_audit_outbox_waiting")
				.contains("vitals_export_jobs_running")
				.contains("hikaricp_connections_active")
				.containsPattern("http_server_requests_seconds_count\\{[^}]*tenant=\"unknown\"");
		assertThat(text).as("a tenant id nobody created is never a label").doesNotContain(sprayed);
		assertThat(text).doesNotContain(RunningServer.OPERATOR_TOKEN);
	}

	@Test
	@DisplayName("a node with another key-encryption key than the tenants' keys were sealed with refuses to start, in one line")
	void wrongKeyRefusesToStart() {
		Optional<Path> jar = ServerNode.jar();
		Assumptions.assumeTrue(jar.isPresent(), "fhir-server's exec jar is packaged before this module's tests");
		Http.createTenant(server, "sealed-" + UUID.randomUUID().toString().substring(0, 8));
		int port = ServerNode.freePort();
		ServerNode node = ServerNode.spawn(ServerNode.command(server, jar.get(), port, KeyEncryptionKey.generateBase64()), Map.of(),
				Path.of(System.getProperty("java.io.tmpdir")), port);
		assertThat(node.awaitExit(Duration.ofMinutes(3))).isNotZero();
		assertThat(node.output()).contains("The key-encryption key does not open tenant").contains("same on every node")
				.doesNotContain("\tat io.smartvitals");
	}

	@Test
	@DisplayName("readiness goes DOWN (503, no details) when the database is gone; liveness stays UP")
	void readinessFollowsTheDatabase() throws Exception {
		Optional<Path> jar = ServerNode.jar();
		Assumptions.assumeTrue(jar.isPresent(), "fhir-server's exec jar is packaged before this module's tests");
		PostgresForTests.Connection db = server.database();
		String name = "ready_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		String url = db.url().substring(0, db.url().lastIndexOf('/') + 1) + name;
		try (Connection admin = DriverManager.getConnection(db.url(), db.user(), db.password() == null ? "" : db.password())) {
			admin.createStatement().execute("CREATE DATABASE " + name);
		}
		int port = ServerNode.freePort();
		List<String> command = ServerNode.command(new PostgresForTests.Connection(url, db.user(), db.password(), db.origin()), jar.get(),
				port, KeyEncryptionKey.generateBase64());
		command.add("--spring.datasource.hikari.connection-timeout=2000");
		try (ServerNode node = ServerNode.launch(command, Map.of(), Path.of(System.getProperty("java.io.tmpdir")), port)) {
			try (Connection admin = DriverManager.getConnection(db.url(), db.user(), db.password() == null ? "" : db.password())) {
				admin.createStatement().execute("DROP DATABASE " + name + " WITH (FORCE)");
			}
			String readiness = "";
			for (int i = 0; i < 60 && !readiness.startsWith("HTTP/1.1 503"); i++) {
				readiness = RawHttp.exchange("127.0.0.1", port, "GET", "/actuator/health/readiness", null, "Host: localhost");
				Thread.sleep(500);
			}
			assertThat(readiness).startsWith("HTTP/1.1 503").contains("\"status\":\"DOWN\"").doesNotContain("\"db\"");
			assertThat(RawHttp.exchange("127.0.0.1", port, "GET", "/actuator/health/liveness", null, "Host: localhost"))
					.startsWith("HTTP/1.1 200");
		}
	}
}
