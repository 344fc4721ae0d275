package io.smartvitals.interceptors.vitals;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;

/**
 * Checks vital-sign Observations with HAPI's instance validator against the base R4 profiles
 * (no hand-written element rules). Only errors reject: terminology the server cannot check
 * (LOINC is not loaded) is reported by the validator as a warning and is let through.
 */
public class VitalSignsValidator {

	static final String CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category";
	static final String VITAL_SIGNS = "vital-signs";

	private final FhirValidator validator;

	public VitalSignsValidator(FhirContext r4) {
		ValidationSupportChain chain = new ValidationSupportChain(
				new DefaultProfileValidationSupport(r4),
				new SnapshotGeneratingValidationSupport(r4),
				new CommonCodeSystemsTerminologyService(r4),
				new InMemoryTerminologyServerValidationSupport(r4));
		FhirInstanceValidator instanceValidator = new ReusedInstanceValidator(chain);
		instanceValidator.setNoTerminologyChecks(false);
		instanceValidator.setAnyExtensionsAllowed(true);
		this.validator = r4.newValidator().setValidateAgainstStandardSchema(false)
				.setValidateAgainstStandardSchematron(false)
				.registerValidatorModule(instanceValidator);
	}

	public VitalSignsVerdict validate(Observation observation) {
		if (!isVitalSign(observation)) {
			return new VitalSignsVerdict.NotAVitalSign();
		}
		VitalSignProfile profile = profileFor(observation.getCode());
		ValidationResult result =
				validator.validateWithResult(observation, new ValidationOptions().addProfile(profile.url()));
		List<VitalSignsVerdict.Issue> errors = new ArrayList<>();
		for (SingleValidationMessage message : result.getMessages()) {
			if (message.getSeverity() == ResultSeverityEnum.ERROR
					|| message.getSeverity() == ResultSeverityEnum.FATAL) {
				errors.add(new VitalSignsVerdict.Issue(message.getLocationString(), message.getMessage()));
			}
		}
		errors.addAll(subjectIssues(observation));
		return errors.isEmpty()
				? new VitalSignsVerdict.Conforms(profile)
				: new VitalSignsVerdict.Violates(profile, List.copyOf(errors));
	}

	/**
	 * The profiles type {@code subject} as Reference(Patient). A {@code urn:uuid} placeholder
	 * inside a transaction names no type yet; HAPI resolves it to the entry it points at.
	 */
	private static List<VitalSignsVerdict.Issue> subjectIssues(Observation observation) {
		String reference = observation.getSubject().getReference();
		if (reference == null || reference.startsWith("urn:uuid:")) {
			return List.of();
		}
		String type = observation.getSubject().getReferenceElement().getResourceType();
		if (!"Patient".equals(type)) {
			return List.of(new VitalSignsVerdict.Issue(
					"Observation.subject", "A vital sign's subject must reference a Patient"));
		}
		return List.of();
	}

	static boolean isVitalSign(Observation observation) {
		for (CodeableConcept category : observation.getCategory()) {
			for (Coding coding : category.getCoding()) {
				if (CATEGORY_SYSTEM.equals(coding.getSystem()) && VITAL_SIGNS.equals(coding.getCode())) {
					return true;
				}
			}
		}
		return false;
	}

	private static VitalSignProfile profileFor(CodeableConcept code) {
		for (Coding coding : code.getCoding()) {
			if (VitalSignProfile.LOINC.equals(coding.getSystem())) {
				var specific = VitalSignProfile.forLoincCode(coding.getCode());
				if (specific.isPresent()) {
					return specific.get();
				}
			}
		}
		return VitalSignProfile.VITAL_SIGNS;
	}
}
