package io.smartvitals.smart.auth.directory;

import java.util.List;
import java.util.Optional;

/**
 * Finding a tenant's patients for the pickers, as one signed-in user may see them: the same reach
 * as that user's {@code user/} scopes (a practitioner: patients of their organizations and those
 * below, or the tenant for a tenant-wide role; a patient: their own record). Implemented over HAPI,
 * inside the tenant's partition only.
 *
 * @see io.smartvitals.interceptors.enforce.PractitionerReach
 */
public interface PatientDirectory {

	/** The viewer of the EHR launch API: a backend client with {@code system/launch} reaches the whole tenant, like system/ scopes. */
	String TENANT_EHR = "system/launch";

	/**
	 * Patients within {@code viewer}'s reach whose name matches {@code nameQuery} (FHIR {@code name}
	 * search); a blank query lists the first {@code limit}.
	 *
	 * @param viewer the signed-in user's fhirUser ({@code Practitioner/abc}, {@code Patient/xyz})
	 */
	List<PatientSummary> find(String tenant, String viewer, String nameQuery, int limit);

	/** The tenant's patient with this bare id, if it exists and is within {@code viewer}'s reach. */
	Optional<PatientSummary> get(String tenant, String viewer, String id);
}
