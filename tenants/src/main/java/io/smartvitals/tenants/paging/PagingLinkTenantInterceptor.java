package io.smartvitals.tenants.paging;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.util.ICachedSearchDetails;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Clock;

/**
 * Records the tenant of every stored search, and serves {@code _getpages} only to that tenant.
 * Any other uuid, whether unknown, expired or another tenant's, gets the same 404.
 */
@Interceptor
public class PagingLinkTenantInterceptor {

	private final SearchOwnerRepository owners;
	private final Clock clock;

	public PagingLinkTenantInterceptor(SearchOwnerRepository owners, Clock clock) {
		this.owners = owners;
		this.clock = clock;
	}

	@Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
	public void recordOwner(ICachedSearchDetails search, RequestDetails request) {
		// Synchronous searches (e.g. a conditional create's match) get no uuid and no paging links.
		if (search.getUuid() != null && request != null && request.getTenantId() != null) {
			owners.record(search.getUuid(), request.getTenantId(), clock.instant());
		}
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
	public void requireOwnPagingLink(RequestDetails request) {
		String[] pages = request.getParameters().get(Constants.PARAM_PAGINGACTION);
		if (pages == null) {
			return;
		}
		for (String uuid : pages) {
			if (uuid == null || !owners.ownerOf(uuid).map(request.getTenantId()::equals).orElse(false)) {
				throw new ResourceNotFoundException("Unknown or expired paging link");
			}
		}
	}
}
