package io.smartvitals.conformance.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A node of the server: the application's executable jar in its own JVM, as it is deployed. The
 * suites' server is one; another on the same PostgreSQL database with the same key-encryption key
 * and operator token is a second instance behind a load balancer. Nodes share only the database.
 */
public final class ServerNode implements AutoCloseable {

	private final Process process;
	private final int port;
	private final Path log;

	private ServerNode(Process process, int port, Path log) {
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

	/** Starts the node and waits until its readiness probe answers 200 (HAPI's start-up on an existing schema). */
	public static ServerNode start(RunningServer first, Path jar, String... extraArgs) {
		int port = freePort();
		List<String> command = command(first, jar, port, first.keyEncryptionKey());
		command.addAll(List.of(extraArgs));
		return launch(command, Map.of(), Path.of(System.getProperty("java.io.tmpdir")), port);
	}

	/** The command line of a node on {@code first}'s database, listening on {@code port}, with the given key-encryption key. */
	public static List<String> command(RunningServer first, Path jar, int port, String keyEncryptionKey) {
		return command(first.database(), jar, port, keyEncryptionKey);
	}

	/** The command line of a node on database {@code db}, listening on {@code port}. */
	public static List<String> command(PostgresForTests.Connection db, Path jar, int port, String keyEncryptionKey) {
		return new ArrayList<>(List.of(java(), "-Xmx1g", "-jar", jar.toString(),
				"--server.port=" + port,
				"--spring.datasource.url=" + db.url(),
				"--spring.datasource.username=" + db.user(),
				"--spring.datasource.password=" + (db.password() == null ? "" : db.password()),
				"--vitals.operator-token=" + RunningServer.OPERATOR_TOKEN,
				"--vitals.auth.key-encryption-key=" + keyEncryptionKey,
				"--vitals.reuse-cached-search-results=0s"));
	}

	/** Runs {@code command} (which must make the server listen on {@code port}) and waits until it is ready; null values unset. */
	public static ServerNode launch(List<String> command, Map<String, String> environment, Path directory, int port) {
		ServerNode node = spawn(command, environment, directory, port);
		try {
			node.awaitReady(Duration.ofMinutes(3));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return node;
	}

	/** Runs {@code command} without waiting; for a start that is expected to fail. */
	public static ServerNode spawn(List<String> command, Map<String, String> environment, Path directory, int port) {
		try {
			Path log = Files.createTempFile("server-node-", ".log");
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
					.directory(directory.toFile());
			// A null value removes the variable the child would otherwise inherit.
			environment.forEach((name, value) -> {
				if (value == null) {
					builder.environment().remove(name);
				} else {
					builder.environment().put(name, value);
				}
			});
			return new ServerNode(builder.start(), port, log);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private void awaitReady(Duration limit) throws IOException {
		Instant deadline = Instant.now().plus(limit);
		while (Instant.now().isBefore(deadline)) {
			if (!process.isAlive()) {
				throw new IllegalStateException("server node exited with " + process.exitValue() + "; its log: " + log + "\n" + tail());
			}
			try {
				if (RawHttp.exchange("127.0.0.1", port, "GET", "/actuator/health/readiness", null, "Host: localhost:" + port)
						.startsWith("HTTP/1.1 200")) {
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
		throw new IllegalStateException("server node not ready after " + limit + "; its log: " + log + "\n" + tail());
	}

	/** Waits for the process to end on its own; its exit code. */
	public int awaitExit(Duration limit) {
		try {
			if (!process.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
				close();
				throw new IllegalStateException("still running after " + limit + "; its log: " + log);
			}
			return process.exitValue();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** The file the node's output goes to. */
	public Path log() {
		return log;
	}

	/** Everything the node printed so far. */
	public String output() {
		try {
			return Files.readString(log);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
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
