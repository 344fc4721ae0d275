package io.smartvitals.smart.auth.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NewUserTest {

	@Test
	void aPractitionerIsLinkedToAPractitionerAndAPatientToAPatient() {
		NewUser doctor = NewUser.of("Dr.Who", "long enough pw", "Practitioner/p-1", "practitioner", true);
		assertThat(doctor.username()).isEqualTo("dr.who");
		assertThatThrownBy(() -> NewUser.of("dr", "long enough pw", "Patient/1", "practitioner", false))
				.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> NewUser.of("pat", "long enough pw", "Practitioner/1", "patient", false))
				.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aPatientUserIsNeverTenantWide() {
		assertThatThrownBy(() -> NewUser.of("pat", "long enough pw", "Patient/1", "patient", true))
				.hasMessageContaining("tenant-wide");
	}

	@Test
	void fhirUserMustBeARelativeReferenceInsideTheTenant() {
		for (String bad : new String[] {"http://other/fhir/b/Practitioner/1", "Practitioner/1/_history/2", "Practitioner/", "Organization/1",
				"Practitioner/<script>", null}) {
			assertThatThrownBy(() -> NewUser.of("dr.x", "long enough pw", bad, "practitioner", false))
					.as(String.valueOf(bad)).isInstanceOf(IllegalArgumentException.class);
		}
	}

	@Test
	void weakOrOverlongPasswordsAndOddUsernamesAreRefused() {
		assertThatThrownBy(() -> NewUser.of("dr.x", "short", "Practitioner/1", "practitioner", false)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> NewUser.of("dr.x", "x".repeat(73), "Practitioner/1", "practitioner", false)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> NewUser.of("a b", "long enough pw", "Practitioner/1", "practitioner", false)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> NewUser.of("x", "long enough pw", "Practitioner/1", "practitioner", false)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> NewUser.of("dr.x", "long enough pw", "Practitioner/1", "admin", false)).isInstanceOf(IllegalArgumentException.class);
	}
}
