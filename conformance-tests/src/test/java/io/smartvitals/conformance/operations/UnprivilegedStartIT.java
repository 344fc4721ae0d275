package io.smartvitals.conformance.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartvitals.conformance.support.PostgresForTests;
import io.smartvitals.conformance.support.PostgresSuite;
import io.smartvitals.conformance.support.RawHttp;
import io.smartvitals.conformance.support.RunningServer;
import io.smartvitals.conformance.support.ServerNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, "a container setup that starts", without a container engine: the packaged jar runs
 * as an unprivileged user ({@code nobody}, as the image's user 10001 would) in a root-owned,
 * read-only working directory, with exactly the environment {@code docker/docker-compose.yml}
 * gives it: the key-encryption key from a secret file, no volume at all (the node is stateless).
 * It must become ready, write nothing into /app, and without the secret refuse to start with one
 * line saying how to set it.
 */
class UnprivilegedStartIT extends PostgresSuite {

	private static Path jar;

	@BeforeAll
	static void conditions() {
		Optional<Path> packaged = ServerNode.jar();
		boolean root = "root".equals(System.getProperty("user.name"));
		boolean setpriv = Files.isExecutable(Path.of("/usr/bin/setpriv"));
		if (packaged.isEmpty() || !root || !setpriv) {
			System.err.println("\n##  UNPRIVILEGED-START SUITE SKIPPED: needs the exec jar (mvn verify), root and setpriv to drop to nobody\n");
		}
		Assumptions.assumeTrue(packaged.isPresent() && root && setpriv, "exec jar, root and setpriv");
		jar = packaged.get();
	}

	/** The image's /app: root-owned, read-only, holding only the jar. */
	private static Path readOnlyApp() throws IOException {
		Path app = Files.createTempDirectory("app-");
		Files.copy(jar, app.resolve("server.jar"));
		Files.setPosixFilePermissions(app.resolve("server.jar"), PosixFilePermissions.fromString("r--r--r--"));
		Files.setPosixFilePermissions(app, PosixFilePermissions.fromString("r-xr-xr-x"));
		return app;
	}

	private static UserPrincipal nobody() throws IOException {
		return Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
	}

	/** docker-compose.yml's server environment, with this run's database and secret. */
	private static Map<String, String> composeEnvironment(int port, Path kekFile) {
		PostgresForTests.Connection db = server.database();
		Map<String, String> env = new HashMap<>();
		env.put("SERVER_PORT", String.valueOf(port));
		env.put("VITALS_DB_URL", db.url());
		env.put("VITALS_DB_USER", db.user());
		env.put("VITALS_DB_PASSWORD", db.password() == null ? "" : db.password());
		env.put("OPERATOR_TOKEN", RunningServer.OPERATOR_TOKEN);
		env.put("VITALS_ALLOWED_HOSTS", "localhost,127.0.0.1");
		if (kekFile != null) {
			env.put("VITALS_KEK_FILE", kekFile.toString());
		}
		env.put("HOME", "/nonexistent");
		env.put("VITALS_KEK", null); // not inherited from the build's environment
		return env;
	}

	private static List<String> asNobody(Path app) {
		return List.of("/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
				ServerNode.java(), "-Xmx1g", "-jar", app.resolve("server.jar").toString());
	}

	@Test
	@DisplayName("as nobody in a read-only /app with compose's environment and a KEK secret file: ready, writes nothing into /app")
	void startsUnprivileged() throws Exception {
		Path app = readOnlyApp();
		// As compose mounts a secret: /run/secrets/vitals_kek, readable by the container's user only.
		Path secrets = Files.createTempDirectory("secrets-");
		Path kek = Files.writeString(secrets.resolve("vitals_kek"), server.keyEncryptionKey());
		Files.setOwner(kek, nobody());
		Files.setPosixFilePermissions(kek, PosixFilePermissions.fromString("r--------"));
		Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("r-xr-xr-x"));
		int port = ServerNode.freePort();

		try (ServerNode node = ServerNode.launch(asNobody(app), composeEnvironment(port, kek), app, port)) {
			String readiness = RawHttp.exchange("127.0.0.1", port, "GET", "/actuator/health/readiness", null, "Host: localhost:" + port);
			assertThat(readiness).startsWith("HTTP/1.1 200").contains("\"status\":\"UP\"");
			assertThat(node.output()).doesNotContain("AccessDeniedException").doesNotContain(server.keyEncryptionKey());
			try (Stream<Path> files = Files.list(app)) {
				assertThat(files.map(f -> f.getFileName().toString())).as("nothing written into /app").containsExactly("server.jar");
			}
		}
	}

	@Test
	@DisplayName("without VITALS_KEK or VITALS_KEK_FILE: exits at once with one line saying how to set it, creates no key")
	void refusesWithoutAKey() throws Exception {
		Path app = readOnlyApp();
		int port = ServerNode.freePort();
		ServerNode node = ServerNode.spawn(asNobody(app), composeEnvironment(port, null), app, port);
		int exit = node.awaitExit(Duration.ofMinutes(2));
		String output = node.output();
		assertThat(exit).isNotZero();
		assertThat(output).contains("No key-encryption key: set VITALS_KEK").contains("VITALS_KEK_FILE")
				.doesNotContain("AccessDeniedException").doesNotContain("\tat ");
		try (Stream<Path> files = Files.list(app)) {
			assertThat(files.map(f -> f.getFileName().toString())).containsExactly("server.jar");
		}
	}
}
