package io.smartvitals.smart.auth.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScopeCeilingTest {

	private static final String VITALS = "http://terminology.hl7.org/CodeSystem/observation-category|vital-signs";

	@Test
	void aWildcardCoversNarrowerTypesAndPermissionsInItsOwnContextOnly() {
		ScopeCeiling ceiling = new ScopeCeiling(List.of("patient/*.read", "launch/patient", "openid"));
		assertThat(ceiling.covers("patient/Observation.rs")).isTrue();
		assertThat(ceiling.covers("patient/Observation.r?category=" + VITALS)).as("a granular form").isTrue();
		assertThat(ceiling.covers("launch/patient openid")).isTrue();
		assertThat(ceiling.covers("user/Observation.rs")).as("another context").isFalse();
		assertThat(ceiling.covers("patient/Observation.c")).as("more permissions").isFalse();
		assertThat(ceiling.covers("fhirUser")).as("a scope not listed").isFalse();
	}

	@Test
	void aGranularCeilingNeverCoversTheUnrestrictedScope() {
		ScopeCeiling vitalsOnly = new ScopeCeiling(List.of("patient/Observation.rs?category=" + VITALS));
		assertThat(vitalsOnly.covers("patient/Observation.rs?category=" + VITALS)).isTrue();
		assertThat(vitalsOnly.covers("patient/Observation.rs")).isFalse();
		assertThat(vitalsOnly.covers("patient/Observation.rs?category=laboratory")).isFalse();
	}

	@Test
	void theAuditTrailMustBeRegisteredByName() {
		assertThat(new ScopeCeiling(List.of("system/*.cruds")).covers("system/AuditEvent.rs")).isFalse();
		assertThat(new ScopeCeiling(List.of("system/AuditEvent.rs")).covers("system/AuditEvent.rs")).isTrue();
	}

	@Test
	void outsideListsTheUncoveredScopesInRequestOrder() {
		ScopeCeiling ceiling = new ScopeCeiling(List.of("system/Observation.rs"));
		assertThat(ceiling.outside(List.of("system/Patient.rs", "system/Observation.r", "system/Device.rs")))
				.containsExactly("system/Patient.rs", "system/Device.rs");
	}
}
