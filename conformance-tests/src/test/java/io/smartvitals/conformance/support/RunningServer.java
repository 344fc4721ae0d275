package io.smartvitals.conformance.support;

import io.smartvitals.server.VitalsServerApplication;
import io.smartvitals.smart.auth.keys.KeyEncryptionKey;
import java.util.Optional;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real application, started once per test JVM on a random port against PostgreSQL. Suites
 * only get its URL: everything they check goes over HTTP.
 */
public final class RunningServer {

	public static final String OPERATOR_TOKEN = "conformance-operator-" + java.util.UUID.randomUUID();
	private static RunningServer instance;
	private static String unavailableBecause;

	private final String root;

	private RunningServer(String root) {
		this.root = root;
	}

	/** Empty when no PostgreSQL can be had; {@link #whyUnavailable()} says why. */
	public static synchronized Optional<RunningServer> onPostgres() {
		if (instance == null && unavailableBecause == null) {
			Optional<PostgresForTests.Connection> database = PostgresForTests.find();
			if (database.isEmpty()) {
				unavailableBecause = "no PostgreSQL: set VITALS_TEST_JDBC_URL (or -Dvitals.test.jdbc-url), or make Docker available";
				System.err.println("\n"
						+ "#################################################################\n"
						+ "##  POSTGRESQL SUITE SKIPPED: " + unavailableBecause + "\n"
						+ "#################################################################\n");
			} else {
				instance = start(database.get());
			}
		}
		return Optional.ofNullable(instance);
	}

	public static String whyUnavailable() {
		return unavailableBecause;
	}

	private static RunningServer start(PostgresForTests.Connection db) {
		System.err.println("Conformance suites run on PostgreSQL: " + db.origin());
		// Command-line arguments, so they win over application.yaml (builder properties would not).
		ConfigurableApplicationContext context = new SpringApplicationBuilder(VitalsServerApplication.class).run(
				"--server.port=0",
				"--spring.datasource.url=" + db.url(),
				"--spring.datasource.username=" + db.user(),
				"--spring.datasource.password=" + db.password(),
				"--vitals.operator-token=" + OPERATOR_TOKEN,
				"--vitals.reuse-cached-search-results=0s",
				"--vitals.auth.key-encryption-key=" + KeyEncryptionKey.generateBase64());
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		Runtime.getRuntime().addShutdownHook(new Thread(context::close));
		return new RunningServer("http://localhost:" + port);
	}

	public String root() {
		return root;
	}

	public String base(String tenant) {
		return root + "/fhir/" + tenant;
	}
}
