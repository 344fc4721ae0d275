package io.smartvitals.server.config;

import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vitals.enforcement.*} and {@code vitals.consent.*}, with their defaults
 * (docs/operate/configuration.md).
 */
@ConfigurationProperties("vitals")
public record EnforcementSettings(@DefaultValue Enforcement enforcement, @DefaultValue Consent consent, @DefaultValue Fhir fhir) {

	public record Enforcement(
			@DefaultValue("true") boolean enabled,
			@DefaultValue("false") boolean allowDisabling,
			@DefaultValue("250ms") Duration revocationPollInterval,
			@DefaultValue("30s") Duration keyCacheTtl,
			@DefaultValue("5s") Duration directoryCacheTtl,
			@DefaultValue("10000") int verifiedTokens) {}

	public record Consent(@DefaultValue("1s") Duration maxAge, @DefaultValue Set<String> optInTenants) {}

	public record Fhir(@DefaultValue("1000") int maxBundleEntries) {}
}
