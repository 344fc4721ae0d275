package io.smartvitals.smart.model.scope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScopePolicyTest {

	private static final String VITALS = "category=http://terminology.hl7.org/CodeSystem/observation-category%7Cvital-signs";
	private static final String LABS = "category=http://terminology.hl7.org/CodeSystem/observation-category%7Claboratory";

	private static AccessDecision decide(String scopes, String patient, String type, Interaction interaction) {
		return ScopePolicy.decide(ScopeParser.parse(scopes), patient, type, interaction);
	}

	@Test
	void patientScopeAllowsReadConfinedToTheLaunchPatient() {
		AccessDecision decision = decide("patient/Observation.rs", "p1", "Observation", Interaction.SEARCH);
		assertThat(decision).isInstanceOfSatisfying(AccessDecision.Allowed.class, allowed -> {
			assertThat(allowed.patientCompartment()).isEqualTo("p1");
			assertThat(allowed.isFiltered()).isFalse();
			assertThat(allowed.decidedBy().text()).isEqualTo("patient/Observation.rs");
		});
	}

	@Test
	void patientScopeWithoutLaunchPatientIsDenied() {
		assertThat(decide("patient/Observation.rs", null, "Observation", Interaction.READ)).isInstanceOf(AccessDecision.Denied.class);
	}

	@Test
	void readOnlyScopeDeniesEveryWriteNamingWhatIsMissing() {
		for (Interaction write : List.of(Interaction.CREATE, Interaction.UPDATE, Interaction.PATCH, Interaction.DELETE,
				Interaction.CONDITIONAL_CREATE, Interaction.CONDITIONAL_DELETE)) {
			AccessDecision decision = decide("patient/Observation.rs", "p1", "Observation", write);
			assertThat(decision).as(write.name()).isInstanceOfSatisfying(AccessDecision.Denied.class,
					denied -> assertThat(denied.rule()).contains("Observation"));
		}
	}

	@Test
	void otherResourceTypesAreDenied() {
		assertThat(decide("patient/Observation.rs", "p1", "Patient", Interaction.READ)).isInstanceOf(AccessDecision.Denied.class);
		assertThat(decide("patient/*.rs", "p1", "Patient", Interaction.READ)).isInstanceOf(AccessDecision.Allowed.class);
	}

	@Test
	void readScopeDoesNotAllowSearchAndViceVersa() {
		assertThat(decide("patient/Observation.r", "p1", "Observation", Interaction.SEARCH)).isInstanceOf(AccessDecision.Denied.class);
		assertThat(decide("patient/Observation.s", "p1", "Observation", Interaction.READ)).isInstanceOf(AccessDecision.Denied.class);
		assertThat(decide("patient/Observation.r patient/Observation.s", "p1", "Observation", Interaction.SEARCH))
				.isInstanceOf(AccessDecision.Allowed.class);
	}

	@Test
	void conditionalWritesAlsoNeedSearch() {
		assertThat(decide("system/Patient.cud", null, "Patient", Interaction.CONDITIONAL_UPDATE)).isInstanceOf(AccessDecision.Denied.class);
		assertThat(decide("system/Patient.cuds", null, "Patient", Interaction.CONDITIONAL_UPDATE)).isInstanceOf(AccessDecision.Allowed.class);
	}

	@Test
	void granularScopeBecomesAFilter() {
		AccessDecision decision = decide("patient/Observation.rs?" + VITALS, "p1", "Observation", Interaction.SEARCH);
		assertThat(decision).isInstanceOfSatisfying(AccessDecision.Allowed.class, allowed -> assertThat(allowed.anyOfQueries())
				.containsExactly(Map.of("category", List.of("http://terminology.hl7.org/CodeSystem/observation-category|vital-signs"))));
	}

	@Test
	void severalGranularScopesCombineWithOr() {
		AccessDecision decision = decide("patient/Observation.rs?" + VITALS + " patient/Observation.rs?" + LABS, "p1", "Observation",
				Interaction.SEARCH);
		assertThat(decision).isInstanceOfSatisfying(AccessDecision.Allowed.class, allowed -> assertThat(allowed.anyOfQueries()).hasSize(2));
	}

	@Test
	void granularReadAndSearchGrantedSeparatelyStillFilter() {
		AccessDecision decision = decide("patient/Observation.r?" + VITALS + " patient/Observation.s?" + VITALS, "p1", "Observation",
				Interaction.SEARCH);
		assertThat(decision).isInstanceOfSatisfying(AccessDecision.Allowed.class, allowed -> assertThat(allowed.isFiltered()).isTrue());
	}

	@Test
	void granularPermissionsOfDifferentQueriesDoNotCombine() {
		AccessDecision decision = decide("patient/Observation.r?" + VITALS + " patient/Observation.s?" + LABS, "p1", "Observation",
				Interaction.SEARCH);
		assertThat(decision).isInstanceOfSatisfying(AccessDecision.Allowed.class, allowed -> assertThat(allowed.anyOfQueries())
				.containsExactly(Map.of("category", List.of("http://terminology.hl7.org/CodeSystem/observation-category|laboratory"))));
		assertThat(decide("patient/Observation.r?" + VITALS + " patient/Observation.c?" + LABS, "p1", "Observation", Interaction.SEARCH))
				.isInstanceOf(AccessDecision.Denied.class);
	}

	@Test
	void anUnfilteredScopeOutranksGranularOnesOfTheSameContext() {
		AccessDecision decision = decide("patient/Observation.rs?" + VITALS + " patient/Observation.rs", "p1", "Observation", Interaction.SEARCH);
		assertThat(decision).isInstanceOfSatisfying(AccessDecision.Allowed.class, allowed -> assertThat(allowed.isFiltered()).isFalse());
	}

	@Test
	void systemScopeIsBroadestAndUnconfined() {
		AccessDecision decision = decide("patient/Observation.rs system/Observation.rs", "p1", "Observation", Interaction.SEARCH);
		assertThat(decision).isInstanceOfSatisfying(AccessDecision.Allowed.class, allowed -> {
			assertThat(allowed.patientCompartment()).isNull();
			assertThat(allowed.decidedBy().context()).isEqualTo(ScopeContext.SYSTEM);
		});
	}

	@Test
	void noScopesMeansDenied() {
		assertThat(decide("openid fhirUser", "p1", "Observation", Interaction.READ)).isInstanceOf(AccessDecision.Denied.class);
	}

	@Test
	void wildcardScopesNeverReachTheAuditTrail() {
		for (String wildcard : List.of("system/*.rs", "user/*.cruds", "system/*.read")) {
			assertThat(decide(wildcard, null, "AuditEvent", Interaction.SEARCH)).as(wildcard).isInstanceOf(AccessDecision.Denied.class);
			assertThat(decide(wildcard, null, "Observation", Interaction.SEARCH)).as(wildcard).isInstanceOf(AccessDecision.Allowed.class);
		}
		assertThat(decide("system/AuditEvent.rs", null, "AuditEvent", Interaction.SEARCH)).isInstanceOf(AccessDecision.Allowed.class);
	}
}
