package io.smartvitals.smart.auth.directory;

import java.util.List;
import java.util.Optional;

/** Finding a tenant's patients for the pickers. Implemented over HAPI, inside the tenant's partition only. */
public interface PatientDirectory {

	/** Patients whose name matches {@code nameQuery} (FHIR {@code name} search); a blank query lists the first {@code limit}. */
	List<PatientSummary> find(String tenant, String nameQuery, int limit);

	/** The tenant's patient with this bare id; empty when it does not exist in this tenant. */
	Optional<PatientSummary> get(String tenant, String id);
}
