package io.smartvitals.audit.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Databases with the real audit migrations: in-memory H2 always, a fresh PostgreSQL database when one is configured. */
final class TestDatabases {

	private TestDatabases() {}

	static DataSource h2() {
		JdbcDataSource h2 = new JdbcDataSource();
		h2.setURL("jdbc:h2:mem:audit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		h2.setUser("sa");
		return migrated(h2);
	}

	/** A new database next to the one in VITALS_TEST_JDBC_URL, or empty when none is configured. */
	static Optional<DataSource> freshPostgres() throws SQLException {
		String url = System.getProperty("vitals.test.jdbc-url");
		if (url == null || url.isBlank()) {
			url = System.getenv("VITALS_TEST_JDBC_URL");
		}
		if (url == null || url.isBlank()) {
			return Optional.empty();
		}
		String user = System.getenv().getOrDefault("VITALS_TEST_DB_USER", "postgres");
		String password = System.getenv().getOrDefault("VITALS_TEST_DB_PASSWORD", "");
		String server = url.substring(0, url.lastIndexOf('/') + 1);
		String name = "vitals_audit_store_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		try (Connection admin = DriverManager.getConnection(url, user, password)) {
			admin.createStatement().execute("CREATE DATABASE " + name);
		}
		PGSimpleDataSource pg = new PGSimpleDataSource();
		pg.setURL(server + name);
		pg.setUser(user);
		pg.setPassword(password);
		return Optional.of(migrated(pg));
	}

	private static DataSource migrated(DataSource dataSource) {
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/audit")
				.table("vitals_schema_history").load().migrate();
		return dataSource;
	}
}
