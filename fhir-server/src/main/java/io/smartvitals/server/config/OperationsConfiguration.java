package io.smartvitals.server.config;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smartvitals.audit.store.AuditOutbox;
import io.smartvitals.audit.write.AuditChainer;
import io.smartvitals.server.bulk.ExportJobs;
import io.smartvitals.server.health.AuditHealth;
import io.smartvitals.server.health.MigrationsHealth;
import io.smartvitals.server.health.SigningKeysHealth;
import io.smartvitals.server.metrics.ServerRequestTags;
import io.smartvitals.server.metrics.TenantTag;
import io.smartvitals.smart.auth.keys.TenantSigningKeys;
import io.smartvitals.tenants.registry.TenantRegistry;
import io.smartvitals.tenants.resolve.TenantResolver;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Readiness contributors and the application's own metrics (docs/operate/deployment.md). Named beans:
 * Actuator calls an indicator by its bean name without "HealthIndicator".
 */
@Configuration
public class OperationsConfiguration {

	@Bean
	public MigrationsHealth migrationsHealthIndicator(Flyway flyway) {
		return new MigrationsHealth(flyway);
	}

	@Bean
	public SigningKeysHealth signingKeysHealthIndicator(TenantRegistry tenants, TenantSigningKeys keys) {
		return new SigningKeysHealth(tenants, keys);
	}

	@Bean
	public AuditHealth auditHealthIndicator(AuditChainer chainer) {
		return new AuditHealth(chainer);
	}

	/** Existing tenants (suspended ones too) tag metrics; ids nobody created never do. */
	@Bean
	public TenantTag metricsTenantTag(TenantResolver resolver, VitalsProperties properties) {
		return new TenantTag(resolver::known, properties.metricsMaxTenants());
	}

	@Bean
	public ServerRequestTags serverRequestTags(TenantTag tenants) {
		return new ServerRequestTags(tenants);
	}

	/** Gauges read when scraped: records waiting in the outbox to be chained, exports not finished. */
	@Bean
	public InitializingBean operationalGauges(MeterRegistry registry, AuditOutbox outbox, ExportJobs exports) {
		return () -> {
			Gauge.builder("vitals.audit.outbox.waiting", outbox, OperationsConfiguration::waiting)
					.description("Audit records committed with their change, not yet chained").register(registry);
			Gauge.builder("vitals.export.jobs.running", exports, ExportJobs::runningAll)
					.description("Bulk export jobs queued or in progress (not cancelled)").register(registry);
		};
	}

	private static double waiting(AuditOutbox outbox) {
		try {
			return outbox.waiting();
		} catch (SQLException unavailable) {
			return Double.NaN;
		}
	}
}
