package io.smartvitals.server.config;

import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import io.smartvitals.server.admin.AdminCredential;
import io.smartvitals.server.demo.DemoTenants;
import io.smartvitals.server.demo.DemoUsers;
import io.smartvitals.server.demo.TenantPopulationLoader;
import io.smartvitals.smart.auth.people.PeopleComponents;
import io.smartvitals.tenants.registry.TenantRegistry;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.context.ApplicationContext;
import io.smartvitals.server.demo.DemoBackendClients;
import io.smartvitals.smart.auth.client.ClientRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** Synthetic data: the loader is always available; the demo tenants only in profile {@code demo}. */
@Configuration
public class DemoConfiguration {

	@Bean
	public TenantPopulationLoader tenantPopulationLoader(IFhirSystemDao<Bundle, ?> systemDao) {
		return new TenantPopulationLoader(systemDao);
	}

	@Bean
	@Profile("demo")
	public DemoTenants demoTenants(
			TenantRegistry registry,
			TenantPopulationLoader loader,
			AdminCredential credential,
			ApplicationContext context,
			DemoSettings settings,
			PeopleComponents people,
			ClientRegistry clients) {
		return new DemoTenants(registry, loader, credential.operatorToken().orElseThrow(), context, settings.patients(), settings.days(),
				new DemoUsers(people.users()), new DemoBackendClients(clients, settings.keyDir()));
	}
}
