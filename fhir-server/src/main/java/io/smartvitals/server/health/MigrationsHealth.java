package io.smartvitals.server.health;

import org.flywaydb.core.Flyway;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** Our schema is at the version this build expects: no Flyway migration pending or failed. */
public class MigrationsHealth implements HealthIndicator {

	private final Flyway flyway;

	public MigrationsHealth(Flyway flyway) {
		this.flyway = flyway;
	}

	@Override
	public Health health() {
		var info = flyway.info();
		int pending = info.pending().length;
		long failed = java.util.Arrays.stream(info.all()).filter(m -> m.getState().isFailed()).count();
		Health.Builder health = pending == 0 && failed == 0 ? Health.up() : Health.down();
		return health.withDetail("pending", pending).withDetail("failed", failed).build();
	}
}
