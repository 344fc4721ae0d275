package io.smartvitals.audit.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * AuditEvents are written by the server alone. Over REST anything but GET on AuditEvent is 405
 * (before a handler is chosen); in storage (transaction entries, internal writes) creating,
 * updating or deleting an AuditEvent is 403, so evidence cannot be planted through HAPI's JPA.
 */
@Interceptor
public class AuditEventReadOnly {

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLER_SELECTED)
	public void onlyGet(RequestDetails request) {
		if ("AuditEvent".equals(request.getResourceName())
				&& request.getRequestType() != RequestTypeEnum.GET
				&& request.getRequestType() != RequestTypeEnum.HEAD) {
			throw new MethodNotAllowedException(
					"AuditEvent is read-only: records are written by the server, never through the API", RequestTypeEnum.GET);
		}
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void noCreate(IBaseResource resource) {
		refuse(resource);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void noUpdate(IBaseResource previous, IBaseResource resource) {
		refuse(resource);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
	public void noDelete(IBaseResource resource) {
		refuse(resource);
	}

	private static void refuse(IBaseResource resource) {
		if (resource != null && "AuditEvent".equals(resource.fhirType())) {
			throw new ForbiddenOperationException("AuditEvent is read-only: records are written by the server, never through the API");
		}
	}
}
