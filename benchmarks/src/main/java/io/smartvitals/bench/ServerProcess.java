package io.smartvitals.bench;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The server as a separate JVM, so the load client never shares its CPU budget or heap. */
final class ServerProcess implements AutoCloseable {

	private final Process process;
	private final String root;
	private final String operatorToken;
	private final AccessTokens tokens;

	private ServerProcess(Process process, String root, String operatorToken, AccessTokens tokens) {
		this.process = process;
		this.root = root;
		this.operatorToken = operatorToken;
		this.tokens = tokens;
	}

	/** Access tokens the server accepts, minted from its database with the KEK it was started with. */
	AccessTokens tokens() {
		return tokens;
	}

	static ServerProcess start(Path jar, int port, String jdbcUrl, String user, List<String> extraArgs, Path log)
			throws IOException, InterruptedException {
		return start(jar, port, jdbcUrl, user, extraArgs, List.of(), log);
	}

	/** As above, with extra JVM options (e.g. a GC log) before {@code -jar}. */
	static ServerProcess start(Path jar, int port, String jdbcUrl, String user, List<String> extraArgs, List<String> jvmArgs, Path log)
			throws IOException, InterruptedException {
		String token = "bench-" + System.nanoTime();
		// A restart on the same database must pass the same key (in extraArgs); otherwise a fresh one.
		String kekArg = "--vitals.auth.key-encryption-key=";
		String kek = extraArgs.stream().filter(arg -> arg.startsWith(kekArg)).map(arg -> arg.substring(kekArg.length())).findFirst()
				.orElseGet(io.smartvitals.smart.auth.keys.KeyEncryptionKey::generateBase64);
		List<String> command = new ArrayList<>(List.of(
				System.getProperty("java.home") + File.separator + "bin" + File.separator + "java", "-Xmx4g"));
		command.addAll(jvmOptions(log));
		command.addAll(jvmArgs);
		command.addAll(List.of("-jar", jar.toString(),
				"--server.port=" + port,
				"--spring.datasource.url=" + jdbcUrl,
				"--spring.datasource.username=" + user,
				"--spring.datasource.password=",
				"--vitals.operator-token=" + token,
				"--vitals.reuse-cached-search-results=0s",
				kekArg + kek,
				"--logging.level.root=WARN"));
		extraArgs.stream().filter(arg -> !arg.startsWith(kekArg)).forEach(command::add);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		String root = "http://localhost:" + port;
		ServerProcess server = new ServerProcess(process, root, token, new AccessTokens(jdbcUrl, user, "", kek, root));
		awaitReady(process, root + "/actuator/health/readiness");
		return server;
	}

	/**
	 * Extra JVM options for every server a benchmark starts, e.g. a JFR recording when profiling;
	 * {@code {log}} in them becomes the server's log file name, so each server records apart.
	 */
	static List<String> jvmOptions(Path log) {
		String options = System.getenv("VITALS_BENCH_SERVER_JVM_OPTIONS");
		return options == null || options.isBlank() ? List.of()
				: List.of(options.strip().replace("{log}", log.getFileName().toString()).split("\\s+"));
	}

	/** Waits until {@code url} answers 200, for at most 300 s. */
	static void awaitReady(Process process, String url) throws InterruptedException, IOException {
		HttpClient http = HttpClient.newHttpClient();
		long deadline = System.nanoTime() + 300_000_000_000L;
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("Server exited during start; see its log");
			}
			try {
				HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
						HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					return;
				}
			} catch (IOException notYet) {
				// still starting
			}
			Thread.sleep(1000);
		}
		throw new IllegalStateException("Server did not start within 300 s");
	}

	String createTenant(String id) throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(root + "/admin/tenants"))
				.header("Authorization", "Bearer " + operatorToken).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + id + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 201) {
			throw new IllegalStateException("Tenant creation failed: " + response.body());
		}
		return root + "/fhir/" + id;
	}

	String root() {
		return root;
	}

	/** The server's operating-system process id, for CPU accounting. */
	long pid() {
		return process.pid();
	}

	/** Registers a Backend Services client (private_key_jwt) of the tenant with the given public JWKS JSON. */
	void registerBackendClient(String tenant, String clientId, String jwksJson, String scope) throws IOException, InterruptedException {
		String body = "{\"clientId\":\"" + clientId + "\",\"name\":\"Benchmark exporter\",\"type\":\"confidential-asymmetric\","
				+ "\"launchTypes\":[\"backend\"],\"scopes\":[\"" + scope + "\"],\"jwks\":" + jwksJson + ","
				+ "\"owner\":\"benchmark\",\"purpose\":\"token endpoint benchmark\",\"expiresAt\":\""
				+ java.time.Instant.now().plusSeconds(86400) + "\"}";
		HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(root + "/admin/tenants/" + tenant + "/clients"))
				.header("Authorization", "Bearer " + operatorToken).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 201) {
			throw new IllegalStateException("Client registration failed: " + response.body());
		}
	}

	/** The FHIR base of a tenant that already exists (a restart on the same database). */
	String base(String id) {
		return root + "/fhir/" + id;
	}

	/** Peak resident memory of the server process (Linux VmHWM), in MiB. */
	long peakRssMiB() throws IOException {
		return peakRssMiB(process.pid());
	}

	static long peakRssMiB(long pid) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
			if (line.startsWith("VmHWM:")) {
				return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
			}
		}
		return -1;
	}

	@Override
	public void close() throws InterruptedException {
		stop(process);
	}

	static void stop(Process process) throws InterruptedException {
		process.destroy();
		if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
			process.destroyForcibly();
		}
	}
}
