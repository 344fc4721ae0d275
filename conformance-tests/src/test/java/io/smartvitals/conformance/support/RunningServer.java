package io.smartvitals.conformance.support;

import io.smartvitals.bench.AccessTokens;
import io.smartvitals.smart.model.scope.ScopeParser;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
	private final AccessTokens tokens;
	private final Map<String, BackendClient> backends = new ConcurrentHashMap<>();
	private final ConfigurableApplicationContext context;
	private final PostgresForTests.Connection database;
	private final String kek;

	private RunningServer(String root, AccessTokens tokens, ConfigurableApplicationContext context, PostgresForTests.Connection database,
			String kek) {
		this.kek = kek;
		this.root = root;
		this.tokens = tokens;
		this.context = context;
		this.database = database;
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
		String kek = KeyEncryptionKey.generateBase64();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(VitalsServerApplication.class).run(
				"--server.port=0",
				"--spring.datasource.url=" + db.url(),
				"--spring.datasource.username=" + db.user(),
				"--spring.datasource.password=" + db.password(),
				"--vitals.operator-token=" + OPERATOR_TOKEN,
				"--vitals.reuse-cached-search-results=0s",
				"--vitals.auth.key-encryption-key=" + kek,
				"--vitals.consent.opt-in-tenants=" + OPT_IN_TENANT,
				// Bulk export: fast job progress and polling, and one tenant whose files expire at once.
				"--vitals.bulk.job-maintenance-interval=300ms",
				"--vitals.bulk.retry-after=1s",
				"--vitals.bulk.min-poll-interval=0s",
				"--vitals.bulk.expiry-sweep-interval=500ms",
				"--vitals.bulk.file-retention-by-tenant=" + BULK_SHORT_RETENTION_TENANT + "=1s");
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		Runtime.getRuntime().addShutdownHook(new Thread(context::close));
		String root = "http://localhost:" + port;
		// Tokens are minted the way the real server will accept them: from its database, with its KEK.
		return new RunningServer(root, new AccessTokens(db.url(), db.user(), db.password(), kek, root), context, db, kek);
	}

	/** The one tenant whose bulk export files expire one second after they are written (the bulk suite creates it). */
	public static final String BULK_SHORT_RETENTION_TENANT = "expiring-" + java.util.UUID.randomUUID().toString().substring(0, 8);

	/** The one tenant whose consent regime is opt-in (the consent suite creates it). */
	public static final String OPT_IN_TENANT = "optin-" + java.util.UUID.randomUUID().toString().substring(0, 8);

	/** The key-encryption key this server seals keys with; another node of it needs the same. */
	public String keyEncryptionKey() {
		return kek;
	}

	public AccessTokens tokens() {
		return tokens;
	}

	/** {@code Bearer} header value with full access to one tenant (system/*.cruds and tenant administration, system/access-policy). */
	public String systemAuthorization(String tenant) {
		return "Bearer " + systemToken(tenant, "system/*.cruds " + ScopeParser.SYSTEM_ACCESS_POLICY);
	}

	/**
	 * A fresh system/ access token from the tenant's own {@code /token}: a SMART Backend Services
	 * client registered once per tenant and scope set (its ceiling), asking with a signed RS384
	 * assertion, as a real backend would. Fresh every call, so it postdates any revocation.
	 */
	public String systemToken(String tenant, String scopes) {
		try {
			BackendClient client = backends.computeIfAbsent(tenant + " " + scopes, key -> register(tenant, scopes));
			return client.authorization(scopes).substring("Bearer ".length());
		} catch (Exception e) {
			throw new IllegalStateException("No system token for " + tenant + " (" + scopes + "): " + e.getMessage(), e);
		}
	}

	private BackendClient register(String tenant, String scopes) {
		try {
			return BackendClient.register(this, tenant, "conformance-system-" + Integer.toHexString(scopes.hashCode()), List.of(scopes.split(" ")));
		} catch (Exception e) {
			throw new IllegalStateException(e.getMessage(), e);
		}
	}

	/** A bean of the running server, for test fixtures only; never for asserting. */
	public <T> T fixture(Class<T> type) {
		return context.getBean(type);
	}

	/** The server's database, for tests that must act behind the API's back (tampering). */
	public PostgresForTests.Connection database() {
		return database;
	}

	public String root() {
		return root;
	}

	public String base(String tenant) {
		return root + "/fhir/" + tenant;
	}
}
