package io.smartvitals.tenants.resolve;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;

/**
 * Refuses requests for unknown (404) or suspended (403) tenants before HAPI selects a handler,
 * so no resource method, partition lookup or storage call ever runs for them.
 */
@Interceptor
public class TenantRequestInterceptor {

	private final TenantResolver resolver;

	public TenantRequestInterceptor(TenantResolver resolver) {
		this.resolver = resolver;
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLER_SELECTED)
	public void requireServableTenant(RequestDetails request) {
		TenantAccess access = resolver.resolve(request.getTenantId());
		if (access instanceof TenantAccess.Unknown) {
			throw new ResourceNotFoundException("Unknown tenant");
		}
		if (access instanceof TenantAccess.Suspended suspended) {
			throw new ForbiddenOperationException(
					"Tenant " + suspended.tenant().id() + " is suspended");
		}
	}
}
