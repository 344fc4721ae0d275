package io.smartvitals.interceptors.vitals;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VitalSignsValidatorTest {

	private static final FhirContext R4 = FhirContext.forR4Cached();
	private static VitalSignsValidator validator;

	@BeforeAll
	static void loadProfiles() {
		validator = new VitalSignsValidator(R4);
	}

	/** A vital sign as JSON, so each case shows exactly what a client would send. */
	private static Observation vital(String loinc, String quantity, String subject) {
		String json = """
				{"resourceType":"Observation","status":"final",
				 "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}],
				 "code":{"coding":[{"system":"http://loinc.org","code":"%s"}]},
				 "subject":{"reference":"%s"},"effectiveDateTime":"2026-10-01T08:00:00Z"
				 %s}""".formatted(loinc, subject, quantity == null ? "" : ",\"valueQuantity\":" + quantity);
		return R4.newJsonParser().parseResource(Observation.class, json);
	}

	private static String ucum(double value, String code) {
		return "{\"value\":" + value + ",\"unit\":\"" + code + "\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"" + code + "\"}";
	}

	@ParameterizedTest(name = "{0} {2} conforms to {3}")
	@CsvSource({
		"8867-4, 72, /min, HEART_RATE",
		"9279-1, 16, /min, RESPIRATORY_RATE",
		"8310-5, 36.8, Cel, BODY_TEMPERATURE",
		"2708-6, 97, %, OXYGEN_SATURATION",
		"29463-7, 70.5, kg, BODY_WEIGHT",
		"8302-2, 175, cm, BODY_HEIGHT",
		"39156-5, 23.1, kg/m2, BMI",
		"9843-4, 35, cm, HEAD_CIRCUMFERENCE"
	})
	void eachProfiledVitalSignWithItsUcumUnitConforms(String loinc, double value, String unit, VitalSignProfile profile) {
		VitalSignsVerdict verdict = validator.validate(vital(loinc, ucum(value, unit), "Patient/p1"));
		assertThat(verdict).isEqualTo(new VitalSignsVerdict.Conforms(profile));
	}

	@ParameterizedTest(name = "{0} in {2} is refused")
	@CsvSource({"8867-4, 72, kg", "8310-5, 98.6, [degF]x", "29463-7, 70, cm", "8302-2, 175, kg"})
	void aVitalSignInTheWrongUnitViolatesItsProfile(String loinc, double value, String unit) {
		VitalSignsVerdict verdict = validator.validate(vital(loinc, ucum(value, unit), "Patient/p1"));
		assertThat(verdict).isInstanceOf(VitalSignsVerdict.Violates.class);
		assertThat(((VitalSignsVerdict.Violates) verdict).issues())
				.anySatisfy(issue -> assertThat(issue.location()).startsWith("Observation.value"));
	}

	@Test
	void aVitalSignWithoutValueViolatesVs2() {
		VitalSignsVerdict verdict = validator.validate(vital("8867-4", null, "Patient/p1"));
		assertThat(verdict).isInstanceOf(VitalSignsVerdict.Violates.class);
	}

	@Test
	void aVitalSignAboutAGroupIsRefusedNamingTheSubject() {
		VitalSignsVerdict verdict = validator.validate(vital("8867-4", ucum(72, "/min"), "Group/g1"));
		assertThat(verdict).isInstanceOf(VitalSignsVerdict.Violates.class);
		assertThat(((VitalSignsVerdict.Violates) verdict).issues()).anySatisfy(i -> assertThat(i.location()).isEqualTo("Observation.subject"));
	}

	@Test
	void aTransactionPlaceholderSubjectIsLeftToHapiToResolve() {
		assertThat(validator.validate(vital("8867-4", ucum(72, "/min"), "urn:uuid:7f1c2f5e-0000-4000-8000-000000000001")))
				.isInstanceOf(VitalSignsVerdict.Conforms.class);
	}

	@Test
	void anUnprofiledVitalSignCodeIsCheckedAgainstTheGenericProfile() {
		VitalSignsVerdict verdict = validator.validate(vital("8478-0", ucum(90, "mm[Hg]"), "Patient/p1"));
		assertThat(verdict).isEqualTo(new VitalSignsVerdict.Conforms(VitalSignProfile.VITAL_SIGNS));
	}

	@Test
	void laboratoryObservationsAreNotVitalSigns() {
		Observation lab = vital("2339-0", ucum(90, "mg/dL"), "Patient/p1");
		lab.getCategoryFirstRep().getCodingFirstRep().setCode("laboratory");
		lab.setStatus(null);
		assertThat(validator.validate(lab)).isInstanceOf(VitalSignsVerdict.NotAVitalSign.class);
	}

	@Test
	void theRejectionNamesTheProfileAndTheElement() {
		VitalSignsVerdict.Violates verdict = (VitalSignsVerdict.Violates) validator.validate(vital("8867-4", ucum(72, "kg"), "Patient/p1"));
		var outcome = VitalSignsValidationInterceptor.toOperationOutcome(verdict);
		assertThat(outcome.getIssue()).isNotEmpty().allSatisfy(issue -> {
			assertThat(issue.getDiagnostics()).contains("http://hl7.org/fhir/StructureDefinition/heartrate");
			assertThat(issue.getExpression()).isNotEmpty();
		});
	}
}
