package io.smartvitals.conformance.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Another node of the running server: the application's executable jar in its own JVM, on the
 * same PostgreSQL database with the same key-encryption key and operator token, as a second
 * instance behind a load balancer would be. Nothing is shared with the first but the database.
 */
public final class SecondNode implements AutoCloseable {

	private final Process process;
	private final int port;
	private final Path log;

	private SecondNode(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/** The exec jar {@code mvn verify} packages before this module's tests, if it is there. */
	public static Optional<Path> jar() {
		Path target = Path.of(System.getProperty("user.dir")).resolveSibling("fhir-server").resolve("target");
		try (var files = Files.list(target)) {
			return files.filter(f -> f.getFileName().toString().matches("fhir-server-.*-exec\\.jar")).findFirst();
		} catch (IOException missing) {
			return Optional.empty();
		}
	}

	/** Starts the node and waits until it answers (HAPI's start-up on an existing schema). */
	public static SecondNode start(RunningServer first, Path jar) {
		try {
			int port;
			try (ServerSocket socket = new ServerSocket(0)) {
				port = socket.getLocalPort();
			}
			PostgresForTests.Connection db = first.database();
			Path log = Files.createTempFile("second-node-", ".log");
			String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
			Process process = new ProcessBuilder(List.of(java, "-Xmx1g", "-jar", jar.toString(),
					"--server.port=" + port,
					"--spring.datasource.url=" + db.url(),
					"--spring.datasource.username=" + db.user(),
					"--spring.datasource.password=" + (db.password() == null ? "" : db.password()),
					"--vitals.operator-token=" + RunningServer.OPERATOR_TOKEN,
					"--vitals.auth.key-encryption-key=" + first.keyEncryptionKey(),
					"--vitals.reuse-cached-search-results=0s"))
					.redirectErrorStream(true).redirectOutput(log.toFile()).directory(new File(System.getProperty("java.io.tmpdir"))).start();
			SecondNode node = new SecondNode(process, port, log);
			node.awaitReady(Duration.ofMinutes(3));
			return node;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private void awaitReady(Duration limit) throws IOException {
		Instant deadline = Instant.now().plus(limit);
		while (Instant.now().isBefore(deadline)) {
			if (!process.isAlive()) {
				throw new IllegalStateException("second node exited with " + process.exitValue() + "; its log: " + log + "\n" + tail());
			}
			try {
				if (RawHttp.exchange("127.0.0.1", port, "GET", "/auth/none/.well-known/openid-configuration", null, "Host: localhost:" + port)
						.startsWith("HTTP/1.1")) {
					return;
				}
			} catch (UncheckedIOException notYet) {
				// not listening yet
			}
			try {
				Thread.sleep(500);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
		}
		close();
		throw new IllegalStateException("second node not ready after " + limit + "; its log: " + log + "\n" + tail());
	}

	private String tail() throws IOException {
		List<String> lines = Files.readAllLines(log);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

	public int port() {
		return port;
	}

	@Override
	public void close() {
		process.destroy();
		try {
			if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
	}
}
