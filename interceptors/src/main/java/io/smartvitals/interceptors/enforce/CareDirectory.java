package io.smartvitals.interceptors.enforce;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tenant's own data that decides what a user may see: Organizations and their
 * {@code partOf} tree, a practitioner's PractitionerRoles, a patient's managing organizations,
 * and the Device that stands for an OAuth client. Implemented over HAPI storage (cached) in the
 * server; an interface here so decisions are unit-tested without one.
 */
public interface CareDirectory {

	/** PractitionerRole code (system {@link #ACCESS_SYSTEM}) that makes a role's practitioner see the whole tenant. */
	String ACCESS_SYSTEM = "urn:smartvitals:access";
	String TENANT_WIDE = "tenant-wide";
	/** Device.identifier system whose value is an OAuth client_id: that Device is the client's identity in Consents. */
	String CLIENT_ID_SYSTEM = "urn:smartvitals:client-id";

	/**
	 * @param organizations ids of the organizations named by the practitioner's active roles
	 * @param tenantWide whether any active role carries the tenant-wide access code
	 */
	record Affiliation(Set<String> organizations, boolean tenantWide) {}

	/** @param device the Device id whose identifier is the client_id; @param organization its owner, if any */
	record ClientIdentity(String device, String organization) {}

	Affiliation affiliation(String tenant, String practitionerId);

	/** Organization id to the id of the organization it is {@code partOf} (absent for roots). */
	Map<String, String> organizationParents(String tenant);

	/** Organization and Practitioner ids the patient is managed by (managingOrganization, generalPractitioner). */
	Set<String> patientCareProviders(String tenant, String patientId);

	Optional<ClientIdentity> client(String tenant, String clientId);
}
