package io.smartvitals.tenants.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.util.ICachedSearchDetails;
import io.smartvitals.tenants.EmbeddedDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PagingLinkTenantInterceptorTest {

	private SearchOwnerRepository owners;
	private PagingLinkTenantInterceptor interceptor;

	@BeforeEach
	void setUp() {
		owners = new SearchOwnerRepository(EmbeddedDatabase.migrated());
		interceptor = new PagingLinkTenantInterceptor(owners, Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));
	}

	@Test
	void pagesAreServedToTheTenantThatSearched() {
		interceptor.recordOwner(search("uuid-1"), request("tenant-a", null));
		assertThatCode(() -> interceptor.requireOwnPagingLink(request("tenant-a", "uuid-1"))).doesNotThrowAnyException();
	}

	@Test
	void anotherTenantsPagingLinkLooksExactlyLikeAnUnknownOne() {
		interceptor.recordOwner(search("uuid-1"), request("tenant-a", null));
		String otherTenants = message(() -> interceptor.requireOwnPagingLink(request("tenant-b", "uuid-1")));
		String unknown = message(() -> interceptor.requireOwnPagingLink(request("tenant-b", "no-such-uuid")));
		assertThat(otherTenants).isEqualTo(unknown).contains("Unknown or expired paging link");
	}

	@Test
	void aUuidKeepsItsFirstOwner() {
		interceptor.recordOwner(search("uuid-1"), request("tenant-a", null));
		interceptor.recordOwner(search("uuid-1"), request("tenant-b", null));
		assertThat(owners.ownerOf("uuid-1")).contains("tenant-a");
	}

	@Test
	void synchronousSearchesWithoutUuidAreNotRecorded() {
		assertThatCode(() -> interceptor.recordOwner(search(null), request("tenant-a", null))).doesNotThrowAnyException();
	}

	@Test
	void requestsWithoutPagingLinksAreNotChecked() {
		assertThatCode(() -> interceptor.requireOwnPagingLink(request("tenant-a", null))).doesNotThrowAnyException();
	}

	@Test
	void retentionForgetsOldOwnersOnly() {
		owners.record("old", "tenant-a", Instant.parse("2026-11-01T00:00:00Z"));
		owners.record("new", "tenant-a", Instant.parse("2026-11-23T09:00:00Z"));
		new SearchOwnerRetention(owners, java.time.Duration.ofDays(1),
				Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC)).forgetExpired();
		assertThat(owners.ownerOf("old")).isEmpty();
		assertThat(owners.ownerOf("new")).contains("tenant-a");
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
