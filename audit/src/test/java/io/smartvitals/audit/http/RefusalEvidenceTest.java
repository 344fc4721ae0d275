package io.smartvitals.audit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.smartvitals.audit.AuditTrail;
import io.smartvitals.audit.AuditUnavailableException;
import io.smartvitals.audit.record.AuditAction;
import io.smartvitals.audit.record.AuditRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.mock.web.MockHttpServletRequest;

/** A mocked trail, so the test holds whether {@code AuditTrail.record} returns the chained record or nothing. */
class RefusalEvidenceTest {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
	private final AuditTrail trail = mock(AuditTrail.class);
	private final RefusalEvidence evidence = new RefusalEvidence(trail, "north-clinic"::equals, CLOCK);
	private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/fhir/north-clinic/Observation");

	@Test
	void aRefusalIsRecordedBeforeTheGuardAnswers() {
		when(trail.enabled()).thenReturn(true);

		assertThat(evidence.record(request, 413, "request-body-limit")).isTrue();

		ArgumentCaptor<AuditRecord> recorded = ArgumentCaptor.forClass(AuditRecord.class);
		verify(trail).record(recorded.capture());
		assertThat(recorded.getValue().tenant()).isEqualTo("north-clinic");
		assertThat(recorded.getValue().action()).isEqualTo(AuditAction.REQUEST_REFUSED);
		assertThat(recorded.getValue().rule()).isEqualTo("request-body-limit");
		assertThat(recorded.getValue().time()).isEqualTo(CLOCK.instant());
	}

	@Test
	void aFailedRecordTellsTheGuardToAnswer503() {
		when(trail.enabled()).thenReturn(true);
		doThrow(new AuditUnavailableException("queue full")).when(trail).record(any());

		assertThat(evidence.record(request, 413, "request-body-limit")).isFalse();
	}

	@Test
	void withAuditOffNothingIsRecorded() {
		when(trail.enabled()).thenReturn(false);

		assertThat(evidence.record(request, 413, "request-body-limit")).isTrue();

		verify(trail, never()).record(any());
	}
}
