package io.smartvitals.server.config;

import ca.uhn.fhir.jpa.partition.IPartitionLookupSvc;
import io.smartvitals.tenants.admin.TenantAdminController;
import io.smartvitals.tenants.partition.HapiTenantPartitions;
import io.smartvitals.tenants.registry.TenantRegistry;
import io.smartvitals.tenants.registry.TenantRepository;
import io.smartvitals.tenants.resolve.TenantRequestInterceptor;
import io.smartvitals.tenants.resolve.TenantResolver;
import java.time.Clock;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The tenant registry, its HAPI partitions, request resolution and the admin API. */
@Configuration
@EnableScheduling
public class TenantsConfiguration {

	@Bean
	public TenantRegistry tenantRegistry(JdbcTemplate jdbc, IPartitionLookupSvc partitionLookup) {
		return new TenantRegistry(new TenantRepository(jdbc), new HapiTenantPartitions(partitionLookup), Clock.systemUTC());
	}

	@Bean
	public TenantResolver tenantResolver(TenantRegistry registry, VitalsProperties properties) {
		return new TenantResolver(registry, properties.tenantCacheTtl());
	}

	@Bean
	public TenantRequestInterceptor tenantRequestInterceptor(TenantResolver resolver) {
		return new TenantRequestInterceptor(resolver);
	}

	@Bean
	public TenantAdminController tenantAdminController(TenantRegistry registry) {
		return new TenantAdminController(registry);
	}
}
