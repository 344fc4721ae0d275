package io.smartvitals.interceptors.enforce;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizedList;
import io.smartvitals.audit.fhir.RequestSecurity;
import ca.uhn.fhir.rest.server.interceptor.auth.SearchNarrowingInterceptor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * HAPI's own search narrowing, fed with the token's patient: a search (also a conditional URL
 * and a GET entry of a batch) of a type in the Patient compartment gets {@code patient=X}
 * (or {@code _id=X} for Patient) added, so its results, counts and pages stay inside X's compartment.
 */
@Interceptor
public class PatientCompartmentNarrowing extends SearchNarrowingInterceptor {

	public PatientCompartmentNarrowing() {
		setNarrowConditionalUrls(true);
	}

	@Override
	@Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
	public void hookIncomingRequestPostProcessed(RequestDetails request, HttpServletRequest servletRequest, HttpServletResponse servletResponse) {
		// HAPI's narrowing does not support system-level search; ScopeEnforcementInterceptor has
		// already refused it unless a system/* scope allowed it.
		if (ScopeEnforcementInterceptor.access(request) == null || request.getRestOperationType() == RestOperationTypeEnum.SEARCH_SYSTEM) {
			return;
		}
		if (confinedPatient(request) != null) {
			refuseMissingModifier(request);
		}
		super.hookIncomingRequestPostProcessed(request, servletRequest, servletResponse);
	}

	/**
	 * {@code :missing} next to the added compartment parameter makes HAPI 8.8's query builder fail
	 * (a 500). Inside one patient's compartment "missing" has no useful meaning, so it is refused.
	 */
	static void refuseMissingModifier(RequestDetails request) {
		for (String name : request.getParameters().keySet()) {
			if (name.endsWith(":missing")) {
				throw new InvalidRequestException("The :missing modifier (" + name
						+ ") is not supported in searches confined to one patient's compartment (patient/ scopes)");
			}
		}
	}

	private static String confinedPatient(RequestDetails request) {
		ResourceAccess access = ScopeEnforcementInterceptor.access(request);
		String type = request.getResourceName();
		return type == null ? access.confinedPatientForAllScopes() : access.confinedPatient(type);
	}

	@Override
	protected AuthorizedList buildAuthorizedList(RequestDetails request) {
		ResourceAccess access = ScopeEnforcementInterceptor.access(request);
		if (access == null) {
			return null;
		}
		String patient = confinedPatient(request);
		if (patient == null) {
			return null;
		}
		RequestSecurity.of(request).narrowedTo("compartment Patient/" + patient);
		return new AuthorizedList().addCompartment("Patient/" + patient);
	}
}
