package io.smartvitals.smart.model.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RevocationInstantTest {

	private static final Instant CHANGE = Instant.parse("2026-12-06T10:00:00.500Z");

	@Test
	void anExactIssueTimeIsComparedExactly() {
		assertThat(RevocationInstant.issuedNoLaterThan(Instant.parse("2026-12-06T10:00:00.499Z"), CHANGE)).isTrue();
		assertThat(RevocationInstant.issuedNoLaterThan(Instant.parse("2026-12-06T10:00:00.501Z"), CHANGE)).isFalse();
	}

	@Test
	void aWholeSecondIssueTimeInTheSameSecondFailsClosed() {
		assertThat(RevocationInstant.issuedNoLaterThan(Instant.parse("2026-12-06T10:00:00Z"), CHANGE)).isTrue();
		assertThat(RevocationInstant.issuedNoLaterThan(Instant.parse("2026-12-06T10:00:01Z"), CHANGE)).isFalse();
		assertThat(RevocationInstant.issuedNoLaterThan(null, CHANGE)).isTrue();
	}
}
