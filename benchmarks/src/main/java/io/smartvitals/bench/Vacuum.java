package io.smartvitals.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@code VACUUM ANALYZE} of a benchmark database: what autovacuum would have done by then. The
 * PostgreSQL of these machines runs with {@code autovacuum = off} (its CI configuration), and
 * without statistics the planner resolves a FHIR id through the wrong index (8 ms instead of
 * 0.1 ms per read, measured), and the audit outbox keeps every dead row of its insert/delete churn.
 */
final class Vacuum {

	private Vacuum() {}

	static void analyze(String jdbcUrl, String user) throws SQLException {
		try (Connection c = DriverManager.getConnection(jdbcUrl, user, ""); Statement s = c.createStatement()) {
			s.execute("VACUUM ANALYZE");
		}
	}
}
