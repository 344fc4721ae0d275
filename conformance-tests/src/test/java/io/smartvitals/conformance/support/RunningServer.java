package io.smartvitals.conformance.support;

import io.smartvitals.bench.AccessTokens;
import io.smartvitals.smart.auth.keys.KeyEncryptionKey;
import io.smartvitals.smart.model.scope.ScopeParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The packaged application ({@code fhir-server}'s exec jar), started once per test JVM as its own
 * process on a free port against PostgreSQL, as it is deployed. Suites only get its URL and
 * tokens from its {@code /token}: everything they check goes over HTTP.
 */
public final class RunningServer {

	public static final String OPERATOR_TOKEN = "conformance-operator-" + java.util.UUID.randomUUID();
	private static RunningServer instance;
	private static String unavailableBecause;
	/** Why the server did not start; every later suite fails with it at once instead of starting it again. */
	private static RuntimeException startFailure;

	private final String root;
	private final Map<String, BackendClient> backends = new ConcurrentHashMap<>();
	private final UserLogins logins = new UserLogins(this);
	private final ServerNode node;
	private final PostgresForTests.Connection database;
	private final String kek;

	private RunningServer(String root, ServerNode node, PostgresForTests.Connection database, String kek) {
		this.kek = kek;
		this.root = root;
		this.node = node;
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
			} else if (startFailure == null) {
				try {
					instance = start(database.get());
				} catch (RuntimeException e) {
					startFailure = e;
				}
			}
		}
		if (startFailure != null) {
			throw startFailure;
		}
		return Optional.ofNullable(instance);
	}

	public static String whyUnavailable() {
		return unavailableBecause;
	}

	private static RunningServer start(PostgresForTests.Connection db) {
		System.err.println("Conformance suites run on PostgreSQL: " + db.origin());
		Path jar = ServerNode.jar().orElseThrow(() -> new IllegalStateException(
				"No fhir-server exec jar: the suites drive the packaged server; run them with mvn verify from the root"));
		String kek = KeyEncryptionKey.generateBase64();
		int port = ServerNode.freePort();
		List<String> command = new ArrayList<>(ServerNode.command(db, jar, port, kek));
		command.addAll(List.of(
				"--vitals.consent.opt-in-tenants=" + OPT_IN_TENANT,
				// Bulk export: fast job progress and polling, and one tenant whose files expire at once.
				"--vitals.bulk.job-maintenance-interval=300ms",
				"--vitals.bulk.retry-after=1s",
				"--vitals.bulk.min-poll-interval=0s",
				"--vitals.bulk.expiry-sweep-interval=500ms",
				"--vitals.bulk.file-retention-by-tenant=" + BULK_SHORT_RETENTION_TENANT + "=1s"));
		ServerNode node = ServerNode.launch(command, Map.of(), Path.of(System.getProperty("java.io.tmpdir")), port);
		System.err.println("Conformance server: " + jar.getFileName() + " on port " + port + ", log " + node.log());
		Runtime.getRuntime().addShutdownHook(new Thread(node::close));
		return new RunningServer("http://localhost:" + port, node, db, kek);
	}

	/** The one tenant whose bulk export files expire one second after they are written (the bulk suite creates it). */
	public static final String BULK_SHORT_RETENTION_TENANT = "expiring-" + java.util.UUID.randomUUID().toString().substring(0, 8);

	/** The one tenant whose consent regime is opt-in (the consent suite creates it). */
	public static final String OPT_IN_TENANT = "optin-" + java.util.UUID.randomUUID().toString().substring(0, 8);

	/** The key-encryption key this server seals keys with; another node of it needs the same. */
	public String keyEncryptionKey() {
		return kek;
	}

	/**
	 * A patient's access token ({@code Patient/patientId} signs in), got like a SMART app gets it:
	 * authorization code with PKCE through the login and approval pages, then {@code /token}.
	 */
	public String patientToken(String tenant, String scopes, String patientId, String clientId) {
		return logins.accessToken(tenant, scopes, "Patient/" + patientId, clientId);
	}

	/** A practitioner's access token ({@code fhirUser} is {@code Practitioner/id}), the same way. */
	public String userToken(String tenant, String scopes, String fhirUser, String clientId) {
		return logins.accessToken(tenant, scopes, fhirUser, clientId);
	}

	/**
	 * Tokens the server never issues, for attack tests only: claims of the suite's choosing signed
	 * with a tenant's real key, read from the database with the KEK as an attacker who stole both
	 * would. Everything else gets its tokens from {@code /token}.
	 */
	public AccessTokens forger() {
		return new AccessTokens(database.url(), database.user(), database.password(), kek, root);
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
		return systemToken(tenant, scopes, "conformance-system-" + Integer.toHexString(scopes.hashCode()));
	}

	/** The same, from a Backend Services client of the suite's naming (registered on first use with these scopes). */
	public String systemToken(String tenant, String scopes, String clientId) {
		try {
			BackendClient client = backends.computeIfAbsent(tenant + " " + clientId, key -> register(tenant, clientId, scopes));
			return client.authorization(scopes).substring("Bearer ".length());
		} catch (Exception e) {
			throw new IllegalStateException("No system token for " + tenant + " (" + scopes + "): " + e.getMessage(), e);
		}
	}

	private BackendClient register(String tenant, String clientId, String scopes) {
		try {
			return BackendClient.register(this, tenant, clientId, List.of(scopes.split(" ")));
		} catch (Exception e) {
			throw new IllegalStateException(e.getMessage(), e);
		}
	}

	/** Everything the server printed so far. */
	public String output() {
		return node.output();
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
