package io.smartvitals.server.config;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import io.smartvitals.interceptors.paging.PagingLinkOwner;
import io.smartvitals.server.fhir.TenantCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.JpaSystemProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.partition.RequestTenantPartitionInterceptor;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.tenant.UrlBaseTenantIdentificationStrategy;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import io.smartvitals.interceptors.operations.OperationAllowList;
import io.smartvitals.server.metrics.FhirInteractionTag;
import io.smartvitals.smart.auth.discovery.SmartCapabilityStatement;
import io.smartvitals.interceptors.operations.OperationAllowListInterceptor;
import io.smartvitals.interceptors.vitals.VitalSignsValidationInterceptor;
import io.smartvitals.interceptors.vitals.VitalSignsValidator;
import io.smartvitals.tenants.resolve.TenantRequestInterceptor;
import io.smartvitals.server.demo.VitalSignFactory;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Observation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The HAPI RestfulServer at {@code /fhir/{tenant}/}: URL-based tenants, one partition each. */
@Configuration
public class FhirEndpointConfiguration {

	private static final Logger log = LoggerFactory.getLogger(FhirEndpointConfiguration.class);

	/** Resource types served over REST. HAPI keeps DAOs for all types for its own internal use. */
	public static final Set<String> REST_RESOURCE_TYPES = Set.of(
			"Patient", "Practitioner", "PractitionerRole", "Organization", "Encounter", "Observation",
			"Group", "Consent", "Device", "Provenance");

	@Bean
	public VitalSignsValidator vitalSignsValidator(FhirContext fhirContext) {
		VitalSignsValidator validator = new VitalSignsValidator(fhirContext);
		long start = System.nanoTime();
		// The first validation loads and snapshots the profiles; do it now, not on a request.
		validator.validate(new Observation());
		validator.validate(VitalSignFactory.measurement(
				VitalSignFactory.Kind.HEART_RATE, "Patient/warmup", Instant.EPOCH, 60));
		log.info("Vital signs profiles loaded in {} ms", (System.nanoTime() - start) / 1_000_000);
		return validator;
	}

	@Bean
	public VitalSignsValidationInterceptor vitalSignsValidationInterceptor(
			FhirContext fhirContext,
			VitalSignsValidator validator,
			IInterceptorService storageInterceptors,
			VitalsProperties properties) {
		VitalSignsValidationInterceptor interceptor = new VitalSignsValidationInterceptor(fhirContext, validator);
		if (properties.vitalSignsValidation()) {
			storageInterceptors.registerInterceptor(interceptor);
		} else {
			log.warn("Vital signs validation is OFF (vitals.vital-signs-validation=false): benchmarks only");
		}
		return interceptor;
	}

	@Bean
	public RestfulServer fhirRestfulServer(
			FhirContext fhirContext,
			IFhirSystemDao<?, ?> systemDao,
			ResourceProviderFactory resourceProviders,
			JpaSystemProvider<?, ?> systemProvider,
			JpaStorageSettings storageSettings,
			ISearchParamRegistry searchParamRegistry,
			IValidationSupport validationSupport,
			DatabaseBackedPagingProvider pagingProvider,
			TenantRequestInterceptor tenantRequestInterceptor,
			// HAPI's own bean (JpaConfig): maps the URL's tenant to the partition of that name.
			RequestTenantPartitionInterceptor tenantPartitionInterceptor,
			PagingLinkOwner pagingLinkOwner,
			SmartCapabilityStatement smartCapabilityStatement,
			EnforcementConfiguration.Enforcement enforcement,
			io.smartvitals.server.bulk.BulkExportOperations bulkExport,
			VitalsProperties properties) {
		RestfulServer server = new RestfulServer(fhirContext);
		server.setTenantIdentificationStrategy(new UrlBaseTenantIdentificationStrategy());
		List<Object> served = resourceProviders.createProviders().stream()
				.filter(p -> p instanceof IResourceProvider rp
						&& REST_RESOURCE_TYPES.contains(rp.getResourceType().getSimpleName()))
				.toList();
		server.registerProviders(served);
		server.registerProvider(systemProvider);
		// Bulk Data $export, status and files (BulkExportConfiguration).
		server.registerProvider(bulkExport);

		JpaCapabilityStatementProvider capabilities = new TenantCapabilityStatementProvider(
				server, systemDao, storageSettings, searchParamRegistry, validationSupport);
		// HAPI's counts are totals over all partitions: publishing them would leak other tenants' sizes.
		capabilities.setIncludeResourceCounts(false);
		capabilities.setImplementationDescription("SMART on FHIR vitals server");
		server.setServerConformanceProvider(capabilities);

		pagingProvider.setDefaultPageSize(properties.defaultPageSize());
		pagingProvider.setMaximumPageSize(properties.maxPageSize());
		server.setPagingProvider(pagingProvider);
		server.setDefaultResponseEncoding(EncodingEnum.JSON);
		server.setDefaultPrettyPrint(false);

		server.registerInterceptor(tenantRequestInterceptor);
		server.registerInterceptor(tenantPartitionInterceptor);
		server.registerInterceptor(pagingLinkOwner);
		server.registerInterceptor(new OperationAllowListInterceptor(OperationAllowList.tenantDefaults()));
		server.registerInterceptor(smartCapabilityStatement);
		server.registerInterceptor(new io.smartvitals.interceptors.access.ServerErrorAnswers());
		server.registerInterceptor(new FhirInteractionTag());
		// Token, scopes, paging-link owner, patient-compartment narrowing, per-resource filtering and consent.
		enforcement.interceptors().forEach(server::registerInterceptor);
		return server;
	}

	@Bean
	public ServletRegistrationBean<RestfulServer> fhirServlet(RestfulServer server) {
		ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(server, "/fhir/*");
		registration.setName("fhir");
		registration.setLoadOnStartup(1);
		return registration;
	}
}
