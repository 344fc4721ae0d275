package io.smartvitals.server.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vitals.bulk.*}, with their defaults (docs/integrate/export.md). The {@code -by-tenant}
 * settings are {@code tenant=value} lists that override the default for those tenants.
 */
@ConfigurationProperties("vitals.bulk")
public record BulkSettings(
		@DefaultValue("1h") Duration fileRetention,
		@DefaultValue("") String fileRetentionByTenant,
		@DefaultValue("2") int maxConcurrentPerClient,
		@DefaultValue("") String maxConcurrentPerClientByTenant,
		@DefaultValue("2s") Duration retryAfter,
		@DefaultValue("1s") Duration minPollInterval,
		@DefaultValue("1000") int fileMaxResources,
		@DefaultValue("1m") Duration expirySweepInterval,
		@DefaultValue("5s") Duration jobMaintenanceInterval) {}
