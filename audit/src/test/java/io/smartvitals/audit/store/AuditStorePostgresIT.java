package io.smartvitals.audit.store;

import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/** The store's rules on PostgreSQL, in a fresh database next to VITALS_TEST_JDBC_URL; skipped (loudly) without one. */
class AuditStorePostgresIT extends AuditStoreContract {

	private static DataSource postgres;

	@BeforeAll
	static void freshDatabase() throws Exception {
		postgres = TestDatabases.freshPostgres().orElse(null);
		if (postgres == null) {
			System.err.println("AUDIT STORE POSTGRESQL TESTS SKIPPED: set VITALS_TEST_JDBC_URL");
		}
		Assumptions.assumeTrue(postgres != null, "no PostgreSQL configured (VITALS_TEST_JDBC_URL)");
	}

	@Override
	DataSource dataSource() {
		return postgres;
	}
}
