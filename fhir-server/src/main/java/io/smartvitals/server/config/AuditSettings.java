package io.smartvitals.server.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code vitals.audit.*}, with their defaults (docs/operate/configuration.md). */
@ConfigurationProperties("vitals.audit")
public record AuditSettings(
		@DefaultValue("true") boolean enabled,
		@DefaultValue("false") boolean allowDisabled,
		@DefaultValue("durable") String readCommit,
		@DefaultValue("500") int maxBatch,
		@DefaultValue("30s") Duration commitTimeout,
		@DefaultValue("200ms") Duration chainInterval,
		@DefaultValue("1000") int chainBatch,
		@DefaultValue("2192") int retentionDays) {}
