package io.smartvitals.smart.auth.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A fresh in-memory H2 database with smart-auth's migrations, and a clock tests move by hand. */
public final class AuthDatabase {

	private AuthDatabase() {}

	public static JdbcTemplate fresh() {
		DataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/auth").load().migrate();
		return new JdbcTemplate(dataSource);
	}

	public static final class MovableClock extends Clock {
		private Instant now;

		public MovableClock(Instant now) {
			this.now = now;
		}

		public void advance(Duration duration) {
			now = now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}
	}
}
