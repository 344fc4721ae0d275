package io.smartvitals.interceptors.vitals;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * Rejects a create or update of a non-conforming vital sign with 422 before storage. Registered
 * on the storage interceptor service, so it also covers transaction entries and internal writes;
 * a rejected entry rolls the whole transaction back.
 */
@Interceptor
public class VitalSignsValidationInterceptor {

	private final FhirContext fhirContext;
	private final VitalSignsValidator validator;

	public VitalSignsValidationInterceptor(FhirContext fhirContext, VitalSignsValidator validator) {
		this.fhirContext = fhirContext;
		this.validator = validator;
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void beforeCreate(IBaseResource resource) {
		check(resource);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void beforeUpdate(IBaseResource oldResource, IBaseResource newResource) {
		check(newResource);
	}

	private void check(IBaseResource resource) {
		if (resource instanceof Observation observation
				&& validator.validate(observation) instanceof VitalSignsVerdict.Violates violation) {
			throw new UnprocessableEntityException(fhirContext, toOperationOutcome(violation));
		}
	}

	static OperationOutcome toOperationOutcome(VitalSignsVerdict.Violates violation) {
		OperationOutcome outcome = new OperationOutcome();
		for (VitalSignsVerdict.Issue issue : violation.issues()) {
			outcome.addIssue()
					.setSeverity(OperationOutcome.IssueSeverity.ERROR)
					.setCode(OperationOutcome.IssueType.PROCESSING)
					.setDiagnostics("Not a valid vital sign (profile " + violation.profile().url() + "): "
							+ issue.message())
					.addExpression(issue.location());
		}
		return outcome;
	}
}
