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
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class RefusalEvidenceTest {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
	private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/fhir/north-clinic/Observation");
	private final List<AuditRecord> recorded = new ArrayList<>();

	/** A trail that keeps records in memory, or fails every one, or is switched off. */
	private AuditTrail trail(boolean enabled, boolean failing) {
		return new AuditTrail() {
			@Override
			public void record(AuditRecord record) {
				if (failing) {
					throw new AuditUnavailableException("queue full");
				}
				recorded.add(record);
			}

			@Override
			public boolean enabled() {
				return enabled;
			}
		};
	}

	private RefusalEvidence evidence(AuditTrail trail) {
		return new RefusalEvidence(trail, "north-clinic"::equals, CLOCK);
	}

	@Test
	void aRefusalIsRecordedBeforeTheGuardAnswers() {
		assertThat(evidence(trail(true, false)).record(request, 413, "request-body-limit")).isTrue();

		assertThat(recorded).singleElement().satisfies(r -> {
			assertThat(r.tenant()).isEqualTo("north-clinic");
			assertThat(r.action()).isEqualTo(AuditAction.REQUEST_REFUSED);
			assertThat(r.rule()).isEqualTo("request-body-limit");
			assertThat(r.time()).isEqualTo(CLOCK.instant());
		});
	}

	@Test
	void aFailedRecordTellsTheGuardToAnswer503() {
		assertThat(evidence(trail(true, true)).record(request, 413, "request-body-limit")).isFalse();
	}

	@Test
	void withAuditOffNothingIsRecorded() {
		assertThat(evidence(trail(false, false)).record(request, 413, "request-body-limit")).isTrue();

		assertThat(recorded).isEmpty();
	}
}
