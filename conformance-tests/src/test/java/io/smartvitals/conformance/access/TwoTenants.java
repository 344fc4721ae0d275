package io.smartvitals.conformance.access;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import io.smartvitals.conformance.support.Http;
import io.smartvitals.conformance.support.RunningServer;
import io.smartvitals.server.demo.TenantPopulationLoader;
import io.smartvitals.server.demo.TenantPopulationLoader.Population;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** Look-alike demo populations in a fresh tenant, loaded over HTTP with a backend token. */
final class TwoTenants {

	static final FhirContext FHIR = FhirContext.forR4Cached();

	static {
		FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		FHIR.getRestfulClientFactory().setSocketTimeout(120_000);
	}

	private TwoTenants() {}

	static IGenericClient system(RunningServer server, String tenant) {
		IGenericClient client = FHIR.newRestfulGenericClient(server.base(tenant));
		client.registerInterceptor(new BearerTokenAuthInterceptor(server.systemToken(tenant, "system/*.cruds " + io.smartvitals.smart.model.scope.ScopeParser.SYSTEM_ACCESS_POLICY)));
		return client;
	}

	/** Organizations: [top, clinic 1, clinic 2]; patient 1 in clinic 1, patient 2 in clinic 2; 3 days of vitals each. */
	static Population populate(RunningServer server, String tenant) {
		Http.createTenant(server, tenant);
		IGenericClient client = system(server, tenant);
		return TenantPopulationLoader.load(b -> client.transaction().withBundle(b).execute(), "Same Name", 2, 3, LocalDate.of(2026, 11, 1));
	}

	static List<String> ofType(Population population, String type) {
		return population.allResources().stream().filter(id -> id.startsWith(type + "/")).toList();
	}

	static String id(String reference) {
		return reference.substring(reference.indexOf('/') + 1);
	}

	static String json(IBaseResource resource) {
		return FHIR.newJsonParser().encodeResourceToString(resource);
	}
}
