package io.smartvitals.interceptors.vitals;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ValidationOptions;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One reused core validator per thread says exactly what HAPI's per-call validators say, resource after resource. */
class ReusedInstanceValidatorTest {

	private static final FhirContext R4 = FhirContext.forR4Cached();
	private static final String HEART_RATE = "http://hl7.org/fhir/StructureDefinition/heartrate";
	private static FhirValidator reused;
	private static FhirValidator perCall;

	@BeforeAll
	static void validators() {
		reused = validator(new ReusedInstanceValidator(chain()));
		perCall = validator(new FhirInstanceValidator(chain()));
	}

	private static ValidationSupportChain chain() {
		return new ValidationSupportChain(new DefaultProfileValidationSupport(R4), new SnapshotGeneratingValidationSupport(R4),
				new CommonCodeSystemsTerminologyService(R4), new InMemoryTerminologyServerValidationSupport(R4));
	}

	private static FhirValidator validator(FhirInstanceValidator module) {
		module.setAnyExtensionsAllowed(true);
		return R4.newValidator().setValidateAgainstStandardSchema(false).setValidateAgainstStandardSchematron(false).registerValidatorModule(module);
	}

	private static Observation heartRate(String value) {
		String json = """
				{"resourceType":"Observation","status":"final",
				 "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}],
				 "code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},
				 "subject":{"reference":"Patient/p1"},"effectiveDateTime":"2026-10-01T08:00:00Z"%s}""".formatted(value);
		return R4.newJsonParser().parseResource(Observation.class, json);
	}

	private static List<String> findings(FhirValidator validator, Observation observation) {
		return validator.validateWithResult(observation, new ValidationOptions().addProfile(HEART_RATE)).getMessages().stream()
				.map(m -> m.getSeverity() + " " + m.getLocationString() + " " + m.getMessage()).sorted().toList();
	}

	@Test
	void findingsMatchHapisPerCallValidatorInAnyOrder() {
		Observation good = heartRate(",\"valueQuantity\":{\"value\":72,\"unit\":\"/min\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"/min\"}");
		Observation wrongUnit = heartRate(",\"valueQuantity\":{\"value\":72,\"unit\":\"kg\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"kg\"}");
		Observation noValue = heartRate("");
		for (Observation observation : List.of(wrongUnit, good, noValue, good, wrongUnit, noValue)) {
			assertThat(findings(reused, observation)).isEqualTo(findings(perCall, observation));
		}
		assertThat(findings(reused, good)).noneMatch(f -> f.startsWith("ERROR"));
		assertThat(findings(reused, wrongUnit)).anyMatch(f -> f.startsWith("ERROR Observation.value"));
	}

	@Test
	void aRebuiltValidatorStillAgrees() {
		Observation wrongUnit = heartRate(",\"valueQuantity\":{\"value\":72,\"unit\":\"kg\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"kg\"}");
		Observation noValue = heartRate("");
		FhirValidator rebuilding = validator(new ReusedInstanceValidator(chain(), 2));
		for (int i = 0; i < 5; i++) {
			assertThat(findings(rebuilding, wrongUnit)).isEqualTo(findings(perCall, wrongUnit));
			assertThat(findings(rebuilding, noValue)).isEqualTo(findings(perCall, noValue));
		}
	}
}
