package io.smartvitals.interceptors.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.util.ICachedSearchDetails;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The tenant half of the owner, on the table as the migrations leave it (tokens are covered over HTTP, TokenAttacksIT). */
class PagingLinkOwnerTest {

	private SearchOwners owners;
	private PagingLinkOwner interceptor;

	@BeforeEach
	void setUp() {
		JdbcDataSource h2 = new JdbcDataSource();
		h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		JdbcTemplate jdbc = new JdbcTemplate(h2);
		// tenants V2 and access V62
		jdbc.execute("CREATE TABLE vitals_search_owner (search_uuid VARCHAR(64) NOT NULL PRIMARY KEY, tenant_id VARCHAR(40) NOT NULL,"
				+ " created_at TIMESTAMP NOT NULL)");
		jdbc.execute("ALTER TABLE vitals_search_owner ADD COLUMN owner VARCHAR(600)");
		owners = new SearchOwners(jdbc);
		interceptor = new PagingLinkOwner(owners, Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));
	}

	@Test
	void pagesAreServedToTheOwnerThatSearched() {
		interceptor.recordOwner(search("uuid-1"), request("tenant-a", null));
		assertThatCode(() -> interceptor.requireOwnPagingLink(request("tenant-a", "uuid-1"))).doesNotThrowAnyException();
	}

	@Test
	void anotherTenantsPagingLinkLooksExactlyLikeAnUnknownOne() {
		interceptor.recordOwner(search("uuid-1"), request("tenant-a", null));
		String otherTenants = message(() -> interceptor.requireOwnPagingLink(request("tenant-b", "uuid-1")));
		String unknown = message(() -> interceptor.requireOwnPagingLink(request("tenant-b", "no-such-uuid")));
		assertThat(otherTenants).isEqualTo(unknown).contains(PagingLinkOwner.NOT_FOUND);
	}

	@Test
	void aTokenHoldersLinkIsNotServedWithoutThatToken() {
		owners.record("uuid-t", new SearchOwner("tenant-a", "app patient-1"), Instant.now());
		assertThat(message(() -> interceptor.requireOwnPagingLink(request("tenant-a", "uuid-t")))).contains(PagingLinkOwner.NOT_FOUND);
	}

	@Test
	void aUuidKeepsItsFirstOwner() {
		interceptor.recordOwner(search("uuid-1"), request("tenant-a", null));
		interceptor.recordOwner(search("uuid-1"), request("tenant-b", null));
		assertThat(owners.of("uuid-1")).contains(new SearchOwner("tenant-a", null));
	}

	@Test
	void synchronousSearchesWithoutUuidAreNotRecordedAndRequestsWithoutLinksNotChecked() {
		assertThatCode(() -> interceptor.recordOwner(search(null), request("tenant-a", null))).doesNotThrowAnyException();
		assertThatCode(() -> interceptor.requireOwnPagingLink(request("tenant-a", null))).doesNotThrowAnyException();
	}

	@Test
	void retentionForgetsOldOwnersOnly() {
		owners.record("old", new SearchOwner("tenant-a", null), Instant.parse("2026-11-01T00:00:00Z"));
		owners.record("new", new SearchOwner("tenant-a", null), Instant.parse("2026-11-23T09:00:00Z"));
		owners.forgetCreatedBefore(Instant.parse("2026-11-22T10:00:00Z"));
		assertThat(owners.of("old")).isEmpty();
		assertThat(owners.of("new")).isPresent();
	}

	private static String message(Runnable call) {
		try {
			call.run();
		} catch (ResourceNotFoundException e) {
			return e.getMessage();
		}
		throw new AssertionError("expected a 404");
	}

	private static SystemRequestDetails request(String tenant, String getPages) {
		SystemRequestDetails request = new SystemRequestDetails();
		request.setTenantId(tenant);
		Map<String, String[]> parameters = new HashMap<>();
		if (getPages != null) {
			parameters.put("_getpages", new String[] {getPages});
		}
		request.setParameters(parameters);
		return request;
	}

	private static ICachedSearchDetails search(String uuid) {
		return new ICachedSearchDetails() {
			@Override
			public String getUuid() {
				return uuid;
			}

			@Override
			public void setUuid(String theUuid) {}

			@Override
			public String getResourceType() {
				return "Observation";
			}

			@Override
			public void setCannotBeReused() {}
		};
	}
}
