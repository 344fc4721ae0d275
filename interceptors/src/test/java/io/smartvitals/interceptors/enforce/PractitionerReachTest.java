package io.smartvitals.interceptors.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PractitionerReachTest {

	/** A hospital (h) with a clinic (c) and its ward (w); a second root (other); a cycle (x <-> y) an edit could leave behind. */
	private static final Map<String, String> PARENTS = Map.of("c", "h", "w", "c", "x", "y", "y", "x");

	private static CareDirectory directory(Set<String> roleOrganizations, boolean tenantWide) {
		return new CareDirectory() {
			@Override
			public Affiliation affiliation(String tenant, String practitionerId) {
				return new Affiliation(roleOrganizations, tenantWide);
			}

			@Override
			public Map<String, String> organizationParents(String tenant) {
				return PARENTS;
			}

			@Override
			public Set<String> patientCareProviders(String tenant, String patientId) {
				return Set.of();
			}

			@Override
			public Optional<ClientIdentity> client(String tenant, String clientId) {
				return Optional.empty();
			}
		};
	}

	@Test
	void aRoleAtAnOrganizationReachesItAndEverythingBelowItButNotAbove() {
		PractitionerReach atClinic = PractitionerReach.of(directory(Set.of("c"), false), "t", "p1");
		assertThat(atClinic.organizations()).containsExactlyInAnyOrder("c", "w");
		assertThat(atClinic.reaches(Set.of("Organization/w"))).isTrue();
		assertThat(atClinic.reaches(Set.of("Organization/h"))).as("the parent hospital").isFalse();
		assertThat(atClinic.reaches(Set.of("Organization/other"))).isFalse();
		assertThat(atClinic.reaches(Set.of())).as("a patient without care providers").isFalse();
	}

	@Test
	void thePractitionerAsGeneralPractitionerIsReachedWithoutARole() {
		PractitionerReach none = PractitionerReach.of(directory(Set.of(), false), "t", "p1");
		assertThat(none.reaches(Set.of("Practitioner/p1"))).isTrue();
		assertThat(none.reaches(Set.of("Practitioner/p2", "Organization/c"))).isFalse();
		assertThat(none.reaches(Set.of("Practitioner/p1x"))).as("an id that merely starts the same").isFalse();
	}

	@Test
	void aCycleInPartOfEndsAndATenantWideRoleReachesEveryPatient() {
		assertThat(PractitionerReach.of(directory(Set.of("x"), false), "t", "p1").organizations()).containsExactlyInAnyOrder("x", "y");
		PractitionerReach wide = PractitionerReach.of(directory(Set.of(), true), "t", "p1");
		assertThat(wide.tenantWide()).isTrue();
		assertThat(wide.reaches(Set.of("Organization/anything"))).isTrue();
	}
}
