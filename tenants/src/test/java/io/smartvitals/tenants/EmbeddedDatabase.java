package io.smartvitals.tenants;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A fresh in-memory H2 database with our migrations applied: the real schema, no mocks. */
public final class EmbeddedDatabase {

	private EmbeddedDatabase() {}

	public static JdbcTemplate migrated() {
		DataSource dataSource = new DriverManagerDataSource(
				"jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/tenants")
				.table("vitals_schema_history").load().migrate();
		return new JdbcTemplate(dataSource);
	}
}
