package io.smartvitals.server.health;

import java.util.Arrays;
import org.flywaydb.core.Flyway;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/** Our schema is at the version this build expects: no Flyway migration pending or failed. */
public class MigrationsHealth extends AbstractHealthIndicator {

	private final Flyway flyway;

	public MigrationsHealth(Flyway flyway) {
		this.flyway = flyway;
	}

	/** A database that cannot be asked is DOWN too (AbstractHealthIndicator turns the exception into DOWN). */
	@Override
	protected void doHealthCheck(Health.Builder health) {
		var info = flyway.info();
		int pending = info.pending().length;
		long failed = Arrays.stream(info.all()).filter(m -> m.getState().isFailed()).count();
		(pending == 0 && failed == 0 ? health.up() : health.down()).withDetail("pending", pending).withDetail("failed", failed);
	}
}
