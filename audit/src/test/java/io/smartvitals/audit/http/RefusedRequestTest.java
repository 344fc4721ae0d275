package io.smartvitals.audit.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartvitals.audit.record.ActorKind;
import io.smartvitals.audit.record.AuditAction;
import io.smartvitals.audit.record.AuditRecord;
import io.smartvitals.audit.record.Outcome;
import java.time.Instant;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class RefusedRequestTest {

	private static final Instant NOW = Instant.parse("2026-03-01T10:15:30.123Z");
	private static final Predicate<String> KNOWN = Set.of("north-clinic", "south-clinic")::contains;

	private static RefusedRequest refused(String method, String path, int status, String rule) {
		return new RefusedRequest(method, path, status, rule, "203.0.113.7", "req-1");
	}

	@Test
	void refusalAtAKnownTenantGoesToThatTenantsChain() {
		AuditRecord record = refused("GET", "/fhir/south-clinic;x=north-clinic/Patient", 400, "http-firewall")
				.toAuditRecord(NOW, KNOWN);

		assertThat(record.tenant()).isEqualTo("south-clinic");
		assertThat(record.time()).isEqualTo(NOW);
		assertThat(record.action()).isEqualTo(AuditAction.REQUEST_REFUSED);
		assertThat(record.actor().id()).isEqualTo("anonymous");
		assertThat(record.actor().kind()).isEqualTo(ActorKind.UNKNOWN);
		assertThat(record.outcome()).isEqualTo(Outcome.FAILED);
		assertThat(record.status()).isEqualTo(400);
		assertThat(record.rule()).isEqualTo("http-firewall");
		assertThat(record.sourceAddress()).isEqualTo("203.0.113.7");
		assertThat(record.requestId()).isEqualTo("req-1");
		assertThat(record.detail()).isEqualTo("GET /fhir/south-clinic;x=north-clinic/Patient");
	}

	@Test
	void authPathsNameTheirTenantToo() {
		assertThat(refused("POST", "/auth/north-clinic/token", 404, "auth-tenant-not-active").toAuditRecord(NOW, KNOWN).tenant())
				.isEqualTo("north-clinic");
	}

	@Test
	void unknownTenantGoesToTheServerChainNamedInTheDetail() {
		AuditRecord record = refused("POST", "/fhir/no-such-clinic/Observation", 413, "request-body-limit").toAuditRecord(NOW, KNOWN);

		assertThat(record.tenant()).isEqualTo(AuditRecord.SERVER_CHAIN);
		assertThat(record.detail()).isEqualTo("tenant no-such-clinic: POST /fhir/no-such-clinic/Observation");
		assertThat(record.status()).isEqualTo(413);
	}

	@Test
	void pathWithoutTenantGoesToTheServerChainWithoutClaim() {
		AuditRecord record = refused("GET", "/;x=1", 400, "http-firewall").toAuditRecord(NOW, KNOWN);

		assertThat(record.tenant()).isEqualTo(AuditRecord.SERVER_CHAIN);
		assertThat(record.detail()).isEqualTo("GET /;x=1");
	}

	@Test
	void aTrickSegmentIsNeverTakenForATenant() {
		assertThat(refused("GET", "/fhir//north-clinic/Patient", 400, "fhir-path").claimedTenant()).isEmpty();
		assertThat(refused("GET", "/fhir/%2e%2e/north-clinic/Patient", 400, "fhir-path").toAuditRecord(NOW, KNOWN).tenant())
				.isEqualTo(AuditRecord.SERVER_CHAIN);
	}

	@Test
	void outcomeFollowsTheStatus() {
		assertThat(refused("GET", "/fhir/north-clinic", 403, "x").toAuditRecord(NOW, KNOWN).outcome()).isEqualTo(Outcome.DENIED);
		assertThat(refused("GET", "/fhir/north-clinic", 404, "x").toAuditRecord(NOW, KNOWN).outcome()).isEqualTo(Outcome.FAILED);
	}

	@Test
	void detailIsCappedAndFreeOfControlCharacters() {
		String path = "/fhir/north-clinic/Patient\r\nFORGED\u0000\u202e" + "a".repeat(5000);
		AuditRecord record = refused("GET\t", path, 400, "fhir-path").toAuditRecord(NOW, KNOWN);

		assertThat(record.detail()).hasSize(RefusedRequest.MAX_DETAIL);
		assertThat(record.detail()).startsWith("GET /fhir/north-clinic/PatientFORGEDaaa");
		assertThat(record.detail()).doesNotContainPattern("[\\p{Cntrl}\\p{Cf}]");
	}

	@Test
	void unknownClaimedTenantIsBoundedInTheDetailToo() {
		String claimed = "x".repeat(2000);
		AuditRecord record = refused("GET", "/fhir/" + claimed + "/Patient", 400, "http-firewall").toAuditRecord(NOW, KNOWN);

		assertThat(record.tenant()).isEqualTo(AuditRecord.SERVER_CHAIN);
		assertThat(record.detail()).startsWith("tenant xxx").hasSize(RefusedRequest.MAX_DETAIL);
	}

	@Test
	void fromTheServletRequestTakesRawPathWithoutContextOrQuery() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/vitals/fhir/north-clinic;a=b/Patient");
		request.setContextPath("/vitals");
		request.setQueryString("name=Jane%20Doe&birthdate=1970-01-01");
		request.setRemoteAddr("198.51.100.4");
		request.setAttribute(RequestId.ATTRIBUTE, "req-42");

		RefusedRequest refused = RefusedRequest.of(request, 400, "http-firewall");

		assertThat(refused).isEqualTo(new RefusedRequest("GET", "/fhir/north-clinic;a=b/Patient", 400, "http-firewall",
				"198.51.100.4", "req-42"));
		assertThat(refused.toAuditRecord(NOW, KNOWN).detail()).doesNotContain("Jane");
	}
}
