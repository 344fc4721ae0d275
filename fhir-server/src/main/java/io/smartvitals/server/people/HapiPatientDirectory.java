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
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;

/** Patients of one tenant, searched and read inside that tenant's HAPI partition only. */
public class HapiPatientDirectory implements PatientDirectory {

	private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
	static final int MAX_LIMIT = 50;
	private final IFhirResourceDao<Patient> patients;
	private final IPartitionLookupSvc partitions;

	public HapiPatientDirectory(IFhirResourceDao<Patient> patients, IPartitionLookupSvc partitions) {
		this.patients = patients;
		this.partitions = partitions;
	}

	@Override
	public List<PatientSummary> find(String tenant, String nameQuery, int limit) {
		if (!TenantId.isWellFormed(tenant) || !known(tenant)) {
			return List.of();
		}
		int count = Math.max(1, Math.min(limit, MAX_LIMIT));
		SearchParameterMap search = SearchParameterMap.newSynchronous().setCount(count);
		search.setSort(new SortSpec(Patient.SP_FAMILY).setChain(new SortSpec(Patient.SP_GIVEN)));
		if (nameQuery != null && !nameQuery.isBlank()) {
			search.add(Patient.SP_NAME, new StringParam(nameQuery.strip()));
		}
		List<IBaseResource> found = patients.search(search, inPartition(tenant)).getResources(0, count);
		return found.stream().map(r -> summary((Patient) r)).toList();
	}

	@Override
	public Optional<PatientSummary> get(String tenant, String id) {
		if (!TenantId.isWellFormed(tenant) || !known(tenant) || id == null || !FHIR_ID.matcher(id).matches()) {
			return Optional.empty();
		}
		try {
			return Optional.of(summary(patients.read(new IdType("Patient", id), inPartition(tenant))));
		} catch (ResourceNotFoundException | ResourceGoneException absent) {
			return Optional.empty();
		}
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
