package io.smartvitals.server.access;

import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smartvitals.interceptors.enforce.CareDirectory;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;

/**
 * {@link CareDirectory} over HAPI storage. Answers are cached for {@code ttl} per tenant, so a
 * changed role or organization tree takes effect on every node within that time.
 */
public class HapiCareDirectory implements CareDirectory {

	private final TenantStorage storage;
	private final Cache<String, Object> cache;

	public HapiCareDirectory(TenantStorage storage, Duration ttl) {
		this.storage = storage;
		this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(100_000).build();
	}

	@Override
	public Affiliation affiliation(String tenant, String practitionerId) {
		return (Affiliation) cache.get("role|" + tenant + "|" + practitionerId, k -> {
			SearchParameterMap query = new SearchParameterMap();
			query.add(PractitionerRole.SP_PRACTITIONER, new ReferenceParam("Practitioner/" + practitionerId));
			Set<String> orgs = new LinkedHashSet<>();
			boolean tenantWide = false;
			for (IBaseResource found : storage.search(tenant, "PractitionerRole", query)) {
				PractitionerRole role = (PractitionerRole) found;
				if (role.hasActive() && !role.getActive()) {
					continue;
				}
				if (role.hasOrganization() && role.getOrganization().getReferenceElement().hasIdPart()) {
					orgs.add(role.getOrganization().getReferenceElement().getIdPart());
				}
				for (CodeableConcept code : role.getCode()) {
					for (Coding coding : code.getCoding()) {
						tenantWide |= ACCESS_SYSTEM.equals(coding.getSystem()) && TENANT_WIDE.equals(coding.getCode());
					}
				}
			}
			return new Affiliation(Set.copyOf(orgs), tenantWide);
		});
	}

	@Override
	@SuppressWarnings("unchecked")
	public Map<String, String> organizationParents(String tenant) {
		return (Map<String, String>) cache.get("orgs|" + tenant, k -> {
			Map<String, String> parents = new HashMap<>();
			for (IBaseResource found : storage.search(tenant, "Organization", new SearchParameterMap())) {
				Organization org = (Organization) found;
				if (org.hasPartOf() && org.getPartOf().getReferenceElement().hasIdPart()) {
					parents.put(org.getIdElement().getIdPart(), org.getPartOf().getReferenceElement().getIdPart());
				}
			}
			return Map.copyOf(parents);
		});
	}

	@Override
	@SuppressWarnings("unchecked")
	public Set<String> patientCareProviders(String tenant, String patientId) {
		return (Set<String>) cache.get("patient|" + tenant + "|" + patientId, k -> {
			Set<String> providers = new LinkedHashSet<>();
			storage.read(tenant, "Patient", patientId).ifPresent(found -> {
				Patient patient = (Patient) found;
				if (patient.hasManagingOrganization()) {
					providers.add(patient.getManagingOrganization().getReferenceElement().toUnqualifiedVersionless().getValue());
				}
				for (Reference gp : patient.getGeneralPractitioner()) {
					providers.add(gp.getReferenceElement().toUnqualifiedVersionless().getValue());
				}
			});
			return Set.copyOf(providers);
		});
	}

	@Override
	@SuppressWarnings("unchecked")
	public Optional<ClientIdentity> client(String tenant, String clientId) {
		return (Optional<ClientIdentity>) cache.get("client|" + tenant + "|" + clientId, k -> {
			SearchParameterMap query = new SearchParameterMap();
			query.add(Device.SP_IDENTIFIER, new TokenParam(CLIENT_ID_SYSTEM, clientId));
			return storage.search(tenant, "Device", query).stream().findFirst().map(found -> {
				Device device = (Device) found;
				String owner = device.hasOwner() && device.getOwner().getReferenceElement().hasIdPart()
						? device.getOwner().getReferenceElement().getIdPart() : null;
				return new ClientIdentity(device.getIdElement().getIdPart(), owner);
			});
		});
	}
}
