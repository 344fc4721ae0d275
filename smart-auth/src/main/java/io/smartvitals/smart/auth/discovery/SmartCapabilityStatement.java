package io.smartvitals.smart.auth.discovery;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import io.smartvitals.smart.auth.server.TenantIssuer;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;

/**
 * Adds SMART's security section to each tenant's CapabilityStatement: the {@code oauth-uris}
 * extension with the same endpoints as the discovery document, the capabilities, and the
 * {@code SMART-on-FHIR} service code.
 */
public class SmartCapabilityStatement {

	static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";
	static final String CAPABILITIES = "http://fhir-registry.smarthealthit.org/StructureDefinition/capabilities";

	@Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
	public void addSecurity(IBaseConformance conformance, RequestDetails request) {
		if (!(conformance instanceof CapabilityStatement statement) || request.getTenantId() == null) {
			return;
		}
		String base = request.getFhirServerBase();
		int fhir = base.lastIndexOf("/fhir");
		if (fhir < 0) {
			return;
		}
		String publicBase = base.substring(0, fhir);
		TenantIssuer tenant = new TenantIssuer(publicBase, request.getTenantId());
		for (CapabilityStatement.CapabilityStatementRestComponent rest : statement.getRest()) {
			CapabilityStatement.CapabilityStatementRestSecurityComponent security = rest.getSecurity();
			security.setCors(true);
			security.getService().clear();
			security.addService(new CodeableConcept().addCoding(
					new Coding("http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR", "SMART-on-FHIR")));
			security.getExtension().removeIf(e -> OAUTH_URIS.equals(e.getUrl()) || CAPABILITIES.equals(e.getUrl()));
			Extension uris = security.addExtension().setUrl(OAUTH_URIS);
			uris.addExtension("authorize", new UriType(tenant.issuer() + "/authorize"));
			uris.addExtension("token", new UriType(tenant.tokenEndpoint()));
			uris.addExtension("introspect", new UriType(tenant.issuer() + "/introspect"));
			uris.addExtension("revoke", new UriType(tenant.issuer() + "/revoke"));
			for (String capability : SmartConfiguration.CAPABILITIES) {
				security.addExtension(CAPABILITIES, new org.hl7.fhir.r4.model.CodeType(capability));
			}
		}
	}
}
