package io.smartvitals.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The settings records are the one place defaults live: bound from nothing they give the documented defaults, and any setting overrides. */
class SettingsTest {

	private static <T> T bind(String prefix, Class<T> type, Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate(prefix, type);
	}

	@Test
	void defaultsWithoutAnySetting() {
		AuditSettings audit = bind("vitals.audit", AuditSettings.class, Map.of());
		assertThat(audit).isEqualTo(new AuditSettings(true, false, "durable", 500, Duration.ofSeconds(30), Duration.ofMillis(200), 1000, 2192));
		EnforcementSettings enforcement = bind("vitals", EnforcementSettings.class, Map.of());
		assertThat(enforcement.enforcement()).isEqualTo(new EnforcementSettings.Enforcement(true, false, Duration.ofMillis(250),
				Duration.ofSeconds(30), Duration.ofSeconds(5), 10_000));
		assertThat(enforcement.consent()).isEqualTo(new EnforcementSettings.Consent(Duration.ofSeconds(1), Set.of()));
		assertThat(enforcement.fhir().maxBundleEntries()).isEqualTo(1000);
		LoginSettings login = bind("vitals.auth", LoginSettings.class, Map.of());
		assertThat(login.login().lockAfter()).isEqualTo(10);
		assertThat(login.login().sourceFreeFailures()).isEqualTo(20);
		assertThat(login.launch().lifetime()).isEqualTo(Duration.ofMinutes(5));
		TokenSettings tokens = bind("vitals.auth", TokenSettings.class, Map.of());
		assertThat(tokens.refreshTokenLifetime()).isEqualTo(Duration.ofDays(30));
		assertThat(tokens.backendAccessTokenLifetime()).isEqualTo(Duration.ofMinutes(5));
		assertThat(tokens.clockSkew()).isEqualTo(Duration.ofSeconds(15));
		BulkSettings bulk = bind("vitals.bulk", BulkSettings.class, Map.of());
		assertThat(bulk.fileRetention()).isEqualTo(Duration.ofHours(1));
		assertThat(bulk.maxConcurrentPerClientByTenant()).isEmpty();
		assertThat(bind("vitals.demo", DemoSettings.class, Map.of()).keyDir()).isEqualTo(Path.of("data"));
		assertThat(bind("vitals.auth", KeyEncryptionKeySettings.class, Map.of()).keyEncryptionKey()).isEmpty();
	}

	@Test
	void settingsOverrideTheDefaultsInTheirUsualSpelling() {
		EnforcementSettings enforcement = bind("vitals", EnforcementSettings.class, Map.of(
				"vitals.enforcement.directory-cache-ttl", "2s",
				"vitals.consent.opt-in-tenants", "a,b",
				"vitals.fhir.max-bundle-entries", "50"));
		assertThat(enforcement.enforcement().directoryCacheTtl()).isEqualTo(Duration.ofSeconds(2));
		assertThat(enforcement.consent().optInTenants()).containsExactlyInAnyOrder("a", "b");
		assertThat(enforcement.fhir().maxBundleEntries()).isEqualTo(50);
		assertThat(bind("vitals.auth", LoginSettings.class, Map.of("vitals.auth.login.throttle-delay", "100ms")).login().throttleDelay())
				.isEqualTo(Duration.ofMillis(100));
		assertThat(bind("vitals.audit", AuditSettings.class, Map.of("vitals.audit.read-commit", "asynchronous")).readCommit())
				.isEqualTo("asynchronous");
	}
}
