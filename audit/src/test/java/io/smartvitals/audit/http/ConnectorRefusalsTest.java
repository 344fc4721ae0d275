package io.smartvitals.audit.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartvitals.audit.AuditTrail;
import io.smartvitals.audit.AuditUnavailableException;
import io.smartvitals.audit.record.AuditAction;
import io.smartvitals.audit.record.AuditRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConnectorRefusalsTest {

	private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");
	private final List<AuditRecord> recorded = new ArrayList<>();
	private final ConnectorRefusals refusals =
			new ConnectorRefusals(new RefusalEvidence(recorded::add, Set.of("north-clinic")::contains, Clock.fixed(NOW, ZoneOffset.UTC)));

	@Test
	void aRefusalThatNeverReachedOurFiltersIsRecordedInTheNamedTenantsChain() {
		refusals.answered("GET", "/fhir/north-clinic/Patient/1", 400, "203.0.113.7", null, "client-42");

		assertThat(recorded).singleElement().satisfies(record -> {
			assertThat(record.tenant()).isEqualTo("north-clinic");
			assertThat(record.action()).isEqualTo(AuditAction.REQUEST_REFUSED);
			assertThat(record.rule()).isEqualTo(ConnectorRefusals.RULE);
			assertThat(record.status()).isEqualTo(400);
			assertThat(record.actor().id()).isEqualTo("anonymous");
			assertThat(record.sourceAddress()).isEqualTo("203.0.113.7");
			assertThat(record.requestId()).isEqualTo("client-42");
			assertThat(record.time()).isEqualTo(NOW);
			assertThat(record.detail()).isEqualTo("GET /fhir/north-clinic/Patient/1");
		});
	}

	@Test
	void anEncodedSlashNamesNoKnownTenantSoItGoesToTheServerChainNamingTheClaim() {
		refusals.answered("GET", "/fhir/north-clinic%2F..%2Fsouth/Patient", 400, "203.0.113.7", null, null);

		AuditRecord record = recorded.get(0);
		assertThat(record.tenant()).isEqualTo(AuditRecord.SERVER_CHAIN);
		assertThat(record.detail()).isEqualTo("tenant north-clinic%2F..%2Fsouth: GET /fhir/north-clinic%2F..%2Fsouth/Patient");
		assertThat(record.requestId()).as("a fresh id when the client sent none").matches("[0-9a-f-]{36}");
	}

	@Test
	void requestsOurFiltersSawAreNotRecordedAgain() {
		assertThat(refusals.answered("GET", "/fhir/north-clinic/Patient/1", 404, "203.0.113.7", "req-1", null)).isEmpty();
		assertThat(refusals.answered("GET", "/fhir/north-clinic/Patient/1", 403, "203.0.113.7", "req-2", null)).isEmpty();
		assertThat(recorded).isEmpty();
	}

	@Test
	void answersBelow400AreNoRefusals() {
		assertThat(refusals.answered("OPTIONS", "*", 200, "203.0.113.7", null, null)).isEmpty();
		assertThat(recorded).isEmpty();
	}

	@Test
	void aClientRequestIdThatIsNotSaneIsReplaced() {
		Optional<RefusedRequest> refused = refusals.answered("GET", "/x", 400, "203.0.113.7", null, "two words\nforged");

		assertThat(refused).get().extracting(RefusedRequest::requestId).asString().doesNotContain(" ").hasSize(36);
	}

	@Test
	void withAuditOffNothingIsRecorded() {
		AuditTrail off = new AuditTrail() {
			@Override
			public void record(AuditRecord record) {
				throw new AssertionError("audit is off");
			}

			@Override
			public boolean enabled() {
				return false;
			}
		};

		assertThat(new ConnectorRefusals(new RefusalEvidence(off, tenant -> true, Clock.systemUTC()))
				.answered("GET", "/fhir/a/Patient", 400, "203.0.113.7", null, null)).isPresent();
	}

	@Test
	void aRecordThatFailsIsLoggedNotThrownIntoTheContainer() {
		AuditTrail down = record -> {
			throw new AuditUnavailableException("down");
		};
		ConnectorRefusals failing = new ConnectorRefusals(new RefusalEvidence(down, tenant -> true, Clock.systemUTC()));

		assertThat(failing.answered("GET", "/fhir/a/Patient", 400, "203.0.113.7", null, null)).isPresent();
	}
}
