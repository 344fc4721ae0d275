package io.smartvitals.conformance.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartvitals.conformance.support.PostgresForTests;
import io.smartvitals.smart.auth.keys.KeyEncryptionKey;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nothing lost: the server runs as its own process on a fresh PostgreSQL database, serves reads
 * and writes from four clients, and is killed with SIGKILL mid-load. After a restart on the same
 * database, every request that got a success answer has its audit record (found by the
 * X-Request-Id the client sent, which the server's log line shows too), and the chain verifies.
 * Run with each {@code vitals.audit.read-commit}: skipping PostgreSQL's flush for the records of
 * reads must not lose any of them when it is the server that dies.
 */
class AuditCrashIT {

	private static final String OPERATOR = "crash-operator-" + UUID.randomUUID();
	private static final String KEK = KeyEncryptionKey.generateBase64();
	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@ParameterizedTest(name = "read-commit={0}")
	@ValueSource(strings = {"durable", "asynchronous"})
	void everyAnsweredRequestSurvivesAKillMinusNine(String readCommit) throws Exception {
		PostgresForTests.Connection pg = PostgresForTests.find().orElse(null);
		Assumptions.assumeTrue(pg != null, "PostgreSQL crash test skipped: set VITALS_TEST_JDBC_URL");
		String database = "vitals_audit_crash_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		try (Connection admin = DriverManager.getConnection(pg.url(), pg.user(), pg.password())) {
			admin.createStatement().execute("CREATE DATABASE " + database);
		}
		String url = pg.url().substring(0, pg.url().lastIndexOf('/') + 1) + database;
		Path log = Files.createTempFile("audit-crash-", ".log");
		String tenant = "crash-" + UUID.randomUUID().toString().substring(0, 6);

		Server first = start(url, pg, log, readCommit);
		String root = "http://localhost:" + first.port();
		send("POST", root + "/admin/tenants", "Bearer " + OPERATOR, "application/json", "{\"id\":\"" + tenant + "\"}", "setup-" + tenant);

		ConcurrentLinkedQueue<String> answered = new ConcurrentLinkedQueue<>();
		AtomicBoolean stop = new AtomicBoolean();
		List<Thread> clients = new ArrayList<>();
		for (int t = 0; t < 4; t++) {
			int client = t;
			Thread thread = new Thread(() -> {
				for (int i = 0; i < 100_000 && !stop.get(); i++) {
					String id = "crash-" + client + "-" + i;
					try {
						HttpResponse<String> response = i % 2 == 0
								? send("POST", root + "/fhir/" + tenant + "/Patient", null, "application/fhir+json",
										"{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Crash" + i + "\"}]}", id)
								: send("GET", root + "/fhir/" + tenant + "/Patient?_count=5", null, null, null, id);
						if (response.statusCode() < 300) {
							answered.add(id);
						}
					} catch (IOException | InterruptedException refused) {
						if (!stop.get()) {
							try {
								Thread.sleep(50);
							} catch (InterruptedException e) {
								return;
							}
						}
					}
				}
			});
			clients.add(thread);
			thread.start();
		}
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (answered.size() < 400 && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		first.process().destroyForcibly(); // SIGKILL: no shutdown hook, no drain
		first.process().waitFor();
		stop.set(true);
		for (Thread thread : clients) {
			thread.join();
		}
		Set<String> succeeded = new HashSet<>(answered);
		assertThat(succeeded).hasSizeGreaterThanOrEqualTo(400);

		Server second = start(url, pg, Files.createTempFile("audit-crash-restart-", ".log"), readCommit);
		try {
			HttpResponse<String> verify = send("GET", "http://localhost:" + second.port() + "/admin/tenants/" + tenant + "/audit/verify",
					"Bearer " + OPERATOR, null, null, "verify-" + tenant);
			assertThat(verify.statusCode()).isEqualTo(200);
			assertThat(verify.body()).contains("\"intact\":true");
		} finally {
			second.process().destroy();
			second.process().waitFor();
		}

		Set<String> recorded = new HashSet<>();
		List<String> startSettings = new ArrayList<>();
		try (Connection c = DriverManager.getConnection(url, pg.user(), pg.password());
				PreparedStatement select = c.prepareStatement("SELECT request_id, action FROM audit_record WHERE tenant_id = ?")) {
			select.setString(1, tenant);
			try (ResultSet rs = select.executeQuery()) {
				while (rs.next()) {
					recorded.add(rs.getString(1));
					if (rs.getString(2).startsWith("enforcement-") || rs.getString(2).startsWith("audit-reads-")) {
						startSettings.add(rs.getString(2));
					}
				}
			}
		}
		// The restart's settings are evidence in the tenant's own chain (it existed by then).
		List<String> expectedSettings = new ArrayList<>(List.of("enforcement-disabled"));
		if (readCommit.equals("asynchronous")) {
			expectedSettings.add("audit-reads-asynchronous");
		}
		assertThat(startSettings).containsExactlyInAnyOrderElementsOf(expectedSettings);
		Set<String> lost = new HashSet<>(succeeded);
		lost.removeAll(recorded);
		assertThat(lost).as("answered with success but without audit record").isEmpty();
		String someAnswered = succeeded.iterator().next();
		assertThat(Files.readString(log)).contains("request=" + someAnswered + " ");
		try (Connection admin = DriverManager.getConnection(pg.url(), pg.user(), pg.password())) {
			admin.createStatement().execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
		}
	}

	private record Server(Process process, int port) {}

	private static Server start(String url, PostgresForTests.Connection pg, Path log, String readCommit) throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		List<String> command = new ArrayList<>(List.of(
				System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
				"-Xmx1g", "-cp", System.getProperty("java.class.path"), "io.smartvitals.server.VitalsServerApplication",
				"--server.port=" + port,
				"--spring.datasource.url=" + url,
				"--spring.datasource.username=" + pg.user(),
				"--spring.datasource.password=" + pg.password(),
				"--vitals.operator-token=" + OPERATOR,
				"--vitals.auth.key-encryption-key=" + KEK,
				"--vitals.vital-signs-validation=false",
				"--vitals.audit.read-commit=" + readCommit,
				// This suite is about audit durability under a crash: requests go without tokens.
				"--vitals.enforcement.enabled=false",
				"--vitals.enforcement.allow-disabling=true"));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("Server exited during start; log: " + log);
			}
			try {
				if (send("GET", "http://localhost:" + port + "/actuator/health/readiness", null, null, null, "ready").statusCode() == 200) {
					return new Server(process, port);
				}
			} catch (IOException notYet) {
				// still starting
			}
			Thread.sleep(1000);
		}
		process.destroyForcibly();
		throw new IllegalStateException("Server did not start within 5 minutes; log: " + log);
	}

	private static HttpResponse<String> send(String method, String url, String authorization, String contentType, String body,
			String requestId) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
				.header("X-Request-Id", requestId)
				.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}
}
