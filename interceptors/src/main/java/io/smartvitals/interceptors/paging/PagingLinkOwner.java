package io.smartvitals.interceptors.paging;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.util.ICachedSearchDetails;
import io.smartvitals.interceptors.access.RequestFacts;
import io.smartvitals.interceptors.token.TokenVerdict;
import java.time.Clock;

/**
 * The one owner of paging links. HAPI serves {@code _getpages} without checking who searched, so
 * every stored search is recorded with its {@link SearchOwner} (tenant, and token owner), and a
 * paging link is served only to exactly that owner; any other uuid, whether unknown, expired,
 * another tenant's or another token's, gets the same 404. A token holder's search is never reused
 * from HAPI's search cache, which would hand it another owner's uuid.
 */
@Interceptor
public class PagingLinkOwner {

	static final String NOT_FOUND = "Unknown or expired paging link";
	private final SearchOwners owners;
	private final Clock clock;

	public PagingLinkOwner(SearchOwners owners, Clock clock) {
		this.owners = owners;
		this.clock = clock;
	}

	/** The owner a request would give its search: its tenant, and its verified token's client and subject. */
	static SearchOwner ownerOf(RequestDetails request) {
		TokenVerdict.Valid token = RequestFacts.token(request);
		return new SearchOwner(request.getTenantId(), token == null ? null : token.clientId() + " " + token.subject());
	}

	@Hook(Pointcut.STORAGE_PRECHECK_FOR_CACHED_SEARCH)
	public boolean mayReuseCachedSearch(RequestDetails request) {
		return RequestFacts.token(request) == null;
	}

	@Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
	public void recordOwner(ICachedSearchDetails search, RequestDetails request) {
		// Synchronous searches (e.g. a conditional create's match) get no uuid and no paging links.
		if (search.getUuid() != null && request != null && request.getTenantId() != null) {
			owners.record(search.getUuid(), ownerOf(request), clock.instant());
		}
	}

	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = -50)
	public void requireOwnPagingLink(RequestDetails request) {
		String[] pages = request.getParameters().get(Constants.PARAM_PAGINGACTION);
		if (pages == null) {
			return;
		}
		SearchOwner requester = ownerOf(request);
		for (String uuid : pages) {
			if (uuid == null || !owners.of(uuid).map(requester::equals).orElse(false)) {
				if (RequestFacts.token(request) != null) {
					RequestFacts.deny(request, "paging link of another token");
				}
				throw new ResourceNotFoundException(NOT_FOUND);
			}
		}
	}
}
