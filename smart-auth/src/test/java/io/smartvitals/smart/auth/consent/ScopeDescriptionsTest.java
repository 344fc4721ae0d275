package io.smartvitals.smart.auth.consent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScopeDescriptionsTest {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
		"patient/Observation.read  | Read and search observations (vital signs, lab results and other measurements) of the patient",
		"patient/Observation.rs    | Read and search observations (vital signs, lab results and other measurements) of the patient",
		"user/Patient.r            | Read patient demographics of every patient you can access",
		"user/*.cruds              | Create, read, change, delete and search all kinds of health records of every patient you can access",
		"patient/*.write           | Create, change and delete all kinds of health records of the patient",
		"patient/Encounter.*       | Read, search, create, change and delete encounters (visits and stays) of the patient",
		"system/Observation.rs     | Read and search observations (vital signs, lab results and other measurements) of the whole organization (system access)",
		"patient/DiagnosticReport.rs | Read and search diagnostic report records of the patient",
		"openid                    | Confirm to the app that it is you who signed in",
		"fhirUser                  | Know who you are: your own FHIR record (Practitioner or Patient)",
		"profile                   | See your basic profile (name)",
		"offline_access            | Keep access after you close the app, until you or an administrator revoke it",
		"online_access             | Keep access while you are using the app",
		"launch                    | Receive the patient and encounter the EHR opened it for",
		"launch/patient            | Ask which patient to work with when it starts",
		"launch/encounter          | Ask which encounter to work with when it starts"
	})
	void everyScopeHasPlainWords(String scope, String words) {
		assertThat(ScopeDescriptions.describe(scope)).isEqualTo(words);
	}

	@Test
	void granularCategoryQueriesAreNamed() {
		assertThat(ScopeDescriptions.describe(
				"patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs"))
				.endsWith("of the patient (vital signs only)");
		assertThat(ScopeDescriptions.describe(
				"patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory"))
				.endsWith("(laboratory results only)");
		assertThat(ScopeDescriptions.describe("user/Observation.rs?code=http://loinc.org|8867-4"))
				.endsWith("(only those matching code=http://loinc.org|8867-4)");
	}

	@Test
	void unknownOrMalformedScopesAreShownAsTheyAre() {
		assertThat(ScopeDescriptions.describe("patient/Observation.xyz")).isEqualTo("Other permission: patient/Observation.xyz");
		assertThat(ScopeDescriptions.describe("patient/Observation.sr")).isEqualTo("Other permission: patient/Observation.sr");
		assertThat(ScopeDescriptions.describe("something-else")).isEqualTo("Other permission: something-else");
	}

	@Test
	void observationReadWithoutQueryCanBeNarrowedToVitalSignsKeepingContextAndPermissions() {
		String vitals = "?category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs";
		assertThat(ScopeDescriptions.vitalSignsOnly("patient/Observation.rs")).hasValue("patient/Observation.rs" + vitals);
		assertThat(ScopeDescriptions.vitalSignsOnly("user/Observation.read")).hasValue("user/Observation.read" + vitals);
		assertThat(ScopeDescriptions.vitalSignsOnly("patient/Observation.cruds")).hasValue("patient/Observation.cruds" + vitals);
		assertThat(ScopeDescriptions.vitalSignsOnly("patient/Observation.s")).hasValue("patient/Observation.s" + vitals);
	}

	@Test
	void noNarrowingIsOfferedForWritesOnlyOtherTypesOrScopesThatAlreadyHaveAQuery() {
		assertThat(ScopeDescriptions.vitalSignsOnly("patient/Observation.write")).isEmpty();
		assertThat(ScopeDescriptions.vitalSignsOnly("patient/Observation.cud")).isEmpty();
		assertThat(ScopeDescriptions.vitalSignsOnly("patient/Patient.rs")).isEmpty();
		assertThat(ScopeDescriptions.vitalSignsOnly("patient/*.rs")).isEmpty();
		assertThat(ScopeDescriptions.vitalSignsOnly("patient/Observation.rs?category=x")).isEmpty();
		assertThat(ScopeDescriptions.vitalSignsOnly("launch/patient")).isEmpty();
	}
}
