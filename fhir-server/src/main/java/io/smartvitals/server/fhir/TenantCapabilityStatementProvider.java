package io.smartvitals.server.fhir;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.rest.annotation.Metadata;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.instance.model.api.IBaseConformance;

/**
 * HAPI's CapabilityStatement provider without its 60-second response cache. The statement
 * names the tenant's base URL and authorization endpoints, so one cached copy would be served
 * to every tenant: tenant B would be sent to tenant A's token endpoint.
 */
public class TenantCapabilityStatementProvider extends JpaCapabilityStatementProvider {

	public TenantCapabilityStatementProvider(
			RestfulServer server,
			IFhirSystemDao<?, ?> systemDao,
			JpaStorageSettings storageSettings,
			ISearchParamRegistry searchParamRegistry,
			IValidationSupport validationSupport) {
		super(server, systemDao, storageSettings, searchParamRegistry, validationSupport);
	}

	@Override
	@Metadata(cacheMillis = 0)
	public IBaseConformance getServerConformance(HttpServletRequest request, RequestDetails details) {
		return super.getServerConformance(request, details);
	}
}
