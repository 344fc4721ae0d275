package io.smartvitals.interceptors.enforce;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The patients a practitioner reaches with user/ scopes: those whose care providers
 * ({@code managingOrganization}, {@code generalPractitioner}) are the practitioner or an
 * organization of their roles or below it ({@code partOf}, any depth), or every patient for a
 * tenant-wide role. One rule for the FHIR API, the patient picker and the launcher.
 */
public final class PractitionerReach {

	private final String practitioner;
	private final boolean tenantWide;
	private final Set<String> organizations;

	private PractitionerReach(String practitioner, boolean tenantWide, Set<String> organizations) {
		this.practitioner = practitioner;
		this.tenantWide = tenantWide;
		this.organizations = Set.copyOf(organizations);
	}

	public static PractitionerReach of(CareDirectory directory, String tenant, String practitionerId) {
		CareDirectory.Affiliation affiliation = directory.affiliation(tenant, practitionerId);
		if (affiliation.tenantWide()) {
			return new PractitionerReach(practitionerId, true, Set.of());
		}
		Set<String> roots = affiliation.organizations();
		Map<String, String> parents = directory.organizationParents(tenant);
		Set<String> reach = new HashSet<>(roots);
		for (String org : parents.keySet()) {
			Set<String> seen = new HashSet<>();
			for (String o = org; o != null && seen.add(o); o = parents.get(o)) {
				if (roots.contains(o)) {
					reach.add(org);
					break;
				}
			}
		}
		return new PractitionerReach(practitionerId, false, reach);
	}

	public boolean tenantWide() {
		return tenantWide;
	}

	public String practitioner() {
		return practitioner;
	}

	/** Organization ids of the roles and every organization below them (empty for a tenant-wide role, which needs none). */
	public Set<String> organizations() {
		return organizations;
	}

	/** @param careProviders a patient's {@code Organization/..} and {@code Practitioner/..} references */
	public boolean reaches(Set<String> careProviders) {
		if (tenantWide || careProviders.contains("Practitioner/" + practitioner)) {
			return true;
		}
		return careProviders.stream().anyMatch(p -> p.startsWith("Organization/") && organizations.contains(p.substring(13)));
	}
}
