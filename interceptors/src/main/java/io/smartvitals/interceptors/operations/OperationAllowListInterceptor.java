package io.smartvitals.interceptors.operations;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;

/** Refuses, with 403, any extended operation not on the {@link OperationAllowList}. */
@Interceptor
public class OperationAllowListInterceptor {

	private final OperationAllowList allowList;

	public OperationAllowListInterceptor(OperationAllowList allowList) {
		this.allowList = allowList;
	}

	// Before handler selection: unknown and unlisted operations get the same 403.
	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLER_SELECTED)
	public void refuseUnlistedOperations(RequestDetails request) {
		if (!allowList.permits(request.getOperation())) {
			throw new ForbiddenOperationException(
					"Operation " + request.getOperation() + " is not available on a tenant's FHIR base");
		}
	}
}
