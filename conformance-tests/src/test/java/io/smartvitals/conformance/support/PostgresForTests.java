package io.smartvitals.conformance.support;

import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * Where the PostgreSQL suites run: the JDBC URL given by CI ({@code -Dvitals.test.jdbc-url} or
 * {@code VITALS_TEST_JDBC_URL}), else a Testcontainers PostgreSQL 15 when Docker is available,
 * else nowhere (the suites are skipped, loudly).
 */
public final class PostgresForTests {

	public record Connection(String url, String user, String password, String origin) {}

	private PostgresForTests() {}

	public static Optional<Connection> find() {
		String url = firstNonBlank(System.getProperty("vitals.test.jdbc-url"), System.getenv("VITALS_TEST_JDBC_URL"));
		if (url != null) {
			String user = firstNonBlank(System.getProperty("vitals.test.jdbc-user"), System.getenv("VITALS_TEST_DB_USER"), "postgres");
			String password = firstNonBlank(System.getProperty("vitals.test.jdbc-password"), System.getenv("VITALS_TEST_DB_PASSWORD"), "");
			return Optional.of(new Connection(url, user, password, "configured URL " + url));
		}
		if (dockerAvailable()) {
			PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:15-alpine");
			container.start();
			Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
			return Optional.of(new Connection(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
					"Testcontainers " + container.getDockerImageName()));
		}
		return Optional.empty();
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		} catch (RuntimeException | LinkageError e) {
			return false;
		}
	}

	private static String firstNonBlank(String... values) {
		for (String value : values) {
			if (value != null && !value.isBlank()) {
				return value;
			}
		}
		return null;
	}
}
