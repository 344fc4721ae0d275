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
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A paging link serves only the token owner (tenant, client, subject) whose search created it;
 * anyone else gets the same 404 as for an unknown link. Searches of token holders are never
 * reused from HAPI's search cache, because a reused search would carry another owner's uuid.
 */
@Interceptor
public class PagingLinkTokenInterceptor {

	private final JdbcTemplate jdbc;
	private final Clock clock;

	public PagingLinkTokenInterceptor(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	static String owner(RequestDetails request, TokenVerdict.Valid token) {
		return request.getTenantId() + " " + token.clientId() + " " + token.subject();
	}

	@Hook(Pointcut.STORAGE_PRECHECK_FOR_CACHED_SEARCH)
	public boolean mayReuseCachedSearch(RequestDetails request) {
		return RequestFacts.token(request) == null;
	}

	@Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
	public void recordOwner(ICachedSearchDetails search, RequestDetails request) {
		TokenVerdict.Valid token = RequestFacts.token(request);
		if (search.getUuid() == null || token == null) {
			return;
		}
		try {
			jdbc.update("INSERT INTO access_search_owner (search_uuid, owner, created_at) VALUES (?, ?, ?)",
					search.getUuid(), owner(request, token), Timestamp.from(clock.instant()));
		} catch (DuplicateKeyException first) {
			// The first owner stays.
		}
	}

	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = -50)
	public void requireOwnPagingLink(RequestDetails request) {
		String[] pages = request.getParameters().get(Constants.PARAM_PAGINGACTION);
		TokenVerdict.Valid token = RequestFacts.token(request);
		if (pages == null || token == null) {
			return;
		}
		String owner = owner(request, token);
		for (String uuid : pages) {
			List<String> owners = jdbc.queryForList("SELECT owner FROM access_search_owner WHERE search_uuid = ?", String.class, uuid);
			if (owners.isEmpty() || !owners.get(0).equals(owner)) {
				RequestFacts.deny(request, "paging link of another token");
				throw new ResourceNotFoundException("Unknown or expired paging link");
			}
		}
	}

	/** Owner rows older than HAPI's stored searches serve nothing. */
	public int forgetCreatedBefore(java.time.Instant cutoff) {
		return jdbc.update("DELETE FROM access_search_owner WHERE created_at < ?", Timestamp.from(cutoff));
	}
}
