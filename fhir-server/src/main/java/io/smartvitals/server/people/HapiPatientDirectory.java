package io.smartvitals.server.people;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.partition.IPartitionLookupSvc;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.smartvitals.smart.auth.directory.PatientDirectory;
import io.smartvitals.smart.auth.directory.PatientSummary;
import io.smartvitals.tenants.registry.TenantId;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import io.smartvitals.interceptors.enforce.CareDirectory;
import io.smartvitals.interceptors.enforce.PractitionerReach;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;

/**
 * Patients of one tenant, searched and read inside that tenant's HAPI partition only, and only
 * those the viewer reaches ({@link PractitionerReach}, the rule of user/ scopes): a search adds
 * the reach as {@code organization} (any of the reached organizations) or {@code general-practitioner}
 * criteria, so the limit counts reachable patients and nothing outside is loaded.
 */
public class HapiPatientDirectory implements PatientDirectory {

	private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
	static final int MAX_LIMIT = 50;
	private final IFhirResourceDao<Patient> patients;
	private final IPartitionLookupSvc partitions;
	private final CareDirectory directory;

	public HapiPatientDirectory(IFhirResourceDao<Patient> patients, IPartitionLookupSvc partitions, CareDirectory directory) {
		this.patients = patients;
		this.partitions = partitions;
		this.directory = directory;
	}

	@Override
	public List<PatientSummary> find(String tenant, String viewer, String nameQuery, int limit) {
		if (!TenantId.isWellFormed(tenant) || !known(tenant)) {
			return List.of();
		}
		int count = Math.max(1, Math.min(limit, MAX_LIMIT));
		String ownRecord = viewerId(viewer, "Patient");
		if (ownRecord != null) {
			return get(tenant, viewer, ownRecord).filter(p -> matchesName(tenant, p.id(), nameQuery)).map(List::of).orElse(List.of());
		}
		String practitioner = viewerId(viewer, "Practitioner");
		if (practitioner == null && !TENANT_EHR.equals(viewer)) {
			return List.of();
		}
		PractitionerReach reach = TENANT_EHR.equals(viewer) ? null : PractitionerReach.of(directory, tenant, practitioner);
		Map<String, Patient> found = new TreeMap<>();
		if (reach == null || reach.tenantWide()) {
			search(tenant, nameQuery, count, null).forEach(p -> found.put(p.getIdPart(), p));
		} else {
			if (!reach.organizations().isEmpty()) {
				ReferenceOrListParam organizations = new ReferenceOrListParam();
				reach.organizations().forEach(o -> organizations.addOr(new ReferenceParam("Organization/" + o)));
				search(tenant, nameQuery, count, m -> m.add(Patient.SP_ORGANIZATION, organizations))
						.forEach(p -> found.put(p.getIdPart(), p));
			}
			search(tenant, nameQuery, count, m -> m.add(Patient.SP_GENERAL_PRACTITIONER, new ReferenceParam("Practitioner/" + practitioner)))
					.forEach(p -> found.put(p.getIdPart(), p));
		}
		return found.values().stream().map(HapiPatientDirectory::summary)
				.sorted(java.util.Comparator.comparing(PatientSummary::name)).limit(count).toList();
	}

	@Override
	public Optional<PatientSummary> get(String tenant, String viewer, String id) {
		if (!TenantId.isWellFormed(tenant) || !known(tenant) || id == null || !FHIR_ID.matcher(id).matches()) {
			return Optional.empty();
		}
		Patient patient;
		try {
			patient = patients.read(new IdType("Patient", id), inPartition(tenant));
		} catch (ResourceNotFoundException | ResourceGoneException absent) {
			return Optional.empty();
		}
		String ownRecord = viewerId(viewer, "Patient");
		String practitioner = viewerId(viewer, "Practitioner");
		boolean reached;
		if (TENANT_EHR.equals(viewer)) {
			reached = true;
		} else if (ownRecord != null) {
			reached = ownRecord.equals(id);
		} else {
			reached = practitioner != null && PractitionerReach.of(directory, tenant, practitioner).reaches(careProviders(patient));
		}
		return reached ? Optional.of(summary(patient)) : Optional.empty();
	}

	private List<Patient> search(String tenant, String nameQuery, int count, java.util.function.Consumer<SearchParameterMap> reach) {
		SearchParameterMap search = SearchParameterMap.newSynchronous().setCount(count);
		search.setSort(new SortSpec(Patient.SP_FAMILY).setChain(new SortSpec(Patient.SP_GIVEN)));
		if (nameQuery != null && !nameQuery.isBlank()) {
			search.add(Patient.SP_NAME, new StringParam(nameQuery.strip()));
		}
		if (reach != null) {
			reach.accept(search);
		}
		List<IBaseResource> found = patients.search(search, inPartition(tenant)).getResources(0, count);
		return found.stream().map(r -> (Patient) r).toList();
	}

	private boolean matchesName(String tenant, String id, String nameQuery) {
		if (nameQuery == null || nameQuery.isBlank()) {
			return true;
		}
		SearchParameterMap search = SearchParameterMap.newSynchronous().setCount(1);
		search.add(Patient.SP_NAME, new StringParam(nameQuery.strip()));
		search.add("_id", new ca.uhn.fhir.rest.param.TokenParam(id));
		return !patients.search(search, inPartition(tenant)).getResources(0, 1).isEmpty();
	}

	/** The id in a relative or absolute fhirUser of {@code type}, else null. */
	private static String viewerId(String viewer, String type) {
		if (viewer == null) {
			return null;
		}
		IdType id = new IdType(viewer);
		return type.equals(id.getResourceType()) && id.hasIdPart() ? id.getIdPart() : null;
	}

	private static Set<String> careProviders(Patient patient) {
		Set<String> providers = new HashSet<>();
		if (patient.hasManagingOrganization()) {
			providers.add(patient.getManagingOrganization().getReferenceElement().toUnqualifiedVersionless().getValue());
		}
		patient.getGeneralPractitioner().forEach(r -> providers.add(r.getReferenceElement().toUnqualifiedVersionless().getValue()));
		return providers;
	}

	private boolean known(String tenant) {
		try {
			return partitions.getPartitionByName(tenant) != null;
		} catch (RuntimeException unknown) {
			return false;
		}
	}

	private static PatientSummary summary(Patient patient) {
		String name = patient.hasName() ? patient.getNameFirstRep().getNameAsSingleString() : "(no name)";
		String birthDate = patient.hasBirthDate() ? patient.getBirthDateElement().getValueAsString() : null;
		return new PatientSummary(patient.getIdElement().getIdPart(), name, birthDate);
	}

	/** Searches need the partition's numeric id resolved up front; reads and writes resolve the name themselves. */
	private SystemRequestDetails inPartition(String tenant) {
		SystemRequestDetails request = new SystemRequestDetails();
		request.setRequestPartitionId(RequestPartitionId.fromPartitionIdAndName(partitions.getPartitionByName(tenant).getId(), tenant));
		return request;
	}
}
