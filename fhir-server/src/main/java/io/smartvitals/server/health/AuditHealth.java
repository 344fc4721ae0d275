package io.smartvitals.server.health;

import io.smartvitals.audit.write.AuditChainer;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Audit records are being chained. A node whose chainer keeps failing still keeps every record
 * durable where it waits, but its evidence falls behind, so it reports itself not ready.
 */
public class AuditHealth implements HealthIndicator {

	private final AuditChainer chainer;

	public AuditHealth(AuditChainer chainer) {
		this.chainer = chainer;
	}

	@Override
	public Health health() {
		return chainer.healthy() ? Health.up().build() : Health.down().build();
	}
}
