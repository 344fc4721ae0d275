package io.smartvitals.server.metrics;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;

/**
 * Hands HAPI's name of the interaction (read, search-type, create, transaction, extended-operation-type,
 * ...) to the HTTP metrics, as a request attribute: a closed set of values.
 */
@Interceptor
public class FhirInteractionTag {

	public static final String ATTRIBUTE = "vitals.metrics.interaction";

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void handled(ServletRequestDetails request, RestOperationTypeEnum operation) {
		if (operation != null && request.getServletRequest() != null) {
			request.getServletRequest().setAttribute(ATTRIBUTE, operation.getCode());
		}
	}
}
