package io.smartvitals.server.config;

import io.smartvitals.server.secrets.KeyEncryptionKeySource;
import io.smartvitals.server.secrets.MissingKeyEncryptionKey;
import io.smartvitals.smart.auth.client.ClientAdminController;
import io.smartvitals.smart.auth.client.ClientRegistry;
import io.smartvitals.smart.auth.discovery.SmartCapabilityStatement;
import io.smartvitals.smart.auth.discovery.SmartConfigurationFilter;
import io.smartvitals.smart.auth.discovery.SmartStyleEndpoint;
import io.smartvitals.smart.auth.keys.JwksEndpoint;
import io.smartvitals.smart.auth.keys.KeyEncryptionKey;
import io.smartvitals.smart.auth.keys.KeyRotationController;
import io.smartvitals.smart.auth.keys.SigningKeyRepository;
import io.smartvitals.smart.auth.keys.TenantSigningKeys;
import io.smartvitals.tenants.registry.TenantId;
import io.smartvitals.tenants.registry.TenantRegistry;
import io.smartvitals.tenants.resolve.TenantResolver;
import java.time.Clock;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.JdbcTemplate;

/** Each tenant's authorization server outside Spring Authorization Server: keys, JWKS, clients admin, discovery. */
@Configuration
public class SmartAuthConfiguration {

	@Bean
	public KeyEncryptionKeySource keyEncryptionKeySource(
			KeyEncryptionKeySettings settings, Environment environment) {
		return new KeyEncryptionKeySource(settings.keyEncryptionKey(), settings.keyEncryptionKeyFile(), settings.demoKeyEncryptionKeyFile(),
				environment.acceptsProfiles(Profiles.of("demo")));
	}

	@Bean
	public KeyEncryptionKey keyEncryptionKey(KeyEncryptionKeySource source) {
		return source.load();
	}

	@Bean
	public TenantSigningKeys tenantSigningKeys(
			JdbcTemplate jdbc,
			KeyEncryptionKey kek,
			TenantRegistry registry,
			TokenSettings settings) {
		TenantSigningKeys keys = new TenantSigningKeys(new SigningKeyRepository(jdbc, kek), Clock.systemUTC(), settings.keyPublishLead(),
				settings.maxTokenLifetime());
		registry.onCreated(id -> keys.ensureKey(id.value()));
		return keys;
	}

	/**
	 * Tenants created before keys existed get theirs at start. A key that does not open means this
	 * node has another key-encryption key than the one the keys were sealed with: refuse to start,
	 * in one line, rather than serve tokens no other node can verify.
	 */
	@Bean
	public ApplicationRunner signingKeysForExistingTenants(TenantRegistry registry, TenantSigningKeys keys) {
		return args -> registry.list().forEach(t -> {
			try {
				keys.ensureKey(t.id().value());
			} catch (IllegalStateException wrongKey) {
				throw new MissingKeyEncryptionKey("The key-encryption key does not open tenant " + t.id().value()
						+ "'s signing key: this node's VITALS_KEK differs from the one the keys were sealed with (use the same on every node)");
			}
		});
	}

	@Bean
	public JwksEndpoint jwksEndpoint(TenantSigningKeys keys, TenantResolver resolver) {
		return new JwksEndpoint(keys, resolver::servable);
	}

	@Bean
	public ClientAdminController clientAdminController(
			ClientRegistry clients, TenantRegistry registry,
			TokenSettings settings) {
		return new ClientAdminController(clients, tenant -> TenantId.isWellFormed(tenant) && registry.find(new TenantId(tenant)).isPresent(),
				settings.clientSecretOverlap());
	}

	@Bean
	public SmartStyleEndpoint smartStyleEndpoint() {
		return new SmartStyleEndpoint();
	}

	@Bean
	public SmartCapabilityStatement smartCapabilityStatement() {
		return new SmartCapabilityStatement();
	}

	@Bean
	public FilterRegistrationBean<SmartConfigurationFilter> smartConfigurationFilter(TenantResolver resolver) {
		FilterRegistrationBean<SmartConfigurationFilter> registration = new FilterRegistrationBean<>(
				new SmartConfigurationFilter(resolver::servable));
		registration.addUrlPatterns("/fhir/*");
		registration.setOrder(ServletFilterOrder.SMART_CONFIGURATION.order());
		return registration;
	}

	@Bean
	public KeyRotationController keyRotationController(TenantSigningKeys keys, TenantRegistry registry) {
		return new KeyRotationController(keys, tenant -> TenantId.isWellFormed(tenant) && registry.find(new TenantId(tenant)).isPresent());
	}
}
