package io.smartvitals.server.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code vitals.auth.login.*} (throttles and lockout) and {@code vitals.auth.launch.*}, with their defaults. */
@ConfigurationProperties("vitals.auth")
public record LoginSettings(@DefaultValue Login login, @DefaultValue Launch launch) {

	public record Login(
			@DefaultValue("3") int throttleAfter,
			@DefaultValue("1s") Duration throttleDelay,
			@DefaultValue("30s") Duration maxDelay,
			@DefaultValue("10") int lockAfter,
			@DefaultValue("15m") Duration lockDuration,
			@DefaultValue("20") int sourceFreeFailures,
			@DefaultValue("1s") Duration sourceDelay,
			@DefaultValue("60s") Duration sourceMaxDelay,
			@DefaultValue("15m") Duration sourceWindow) {}

	public record Launch(@DefaultValue("5m") Duration lifetime) {}
}
