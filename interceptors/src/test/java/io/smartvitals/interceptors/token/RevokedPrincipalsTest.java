package io.smartvitals.interceptors.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RevokedPrincipalsTest {

	private static final Instant CHANGE = Instant.parse("2026-12-06T10:00:00.500Z");

	@Test
	void anExactIssueTimeIsComparedExactly() {
		assertThat(RevokedPrincipals.issuedNoLaterThan(Instant.parse("2026-12-06T10:00:00.499Z"), CHANGE)).isTrue();
		assertThat(RevokedPrincipals.issuedNoLaterThan(Instant.parse("2026-12-06T10:00:00.501Z"), CHANGE)).isFalse();
	}

	@Test
	void aWholeSecondIssueTimeInTheSameSecondFailsClosed() {
		assertThat(RevokedPrincipals.issuedNoLaterThan(Instant.parse("2026-12-06T10:00:00Z"), CHANGE)).isTrue();
		assertThat(RevokedPrincipals.issuedNoLaterThan(Instant.parse("2026-12-06T10:00:01Z"), CHANGE)).isFalse();
		assertThat(RevokedPrincipals.issuedNoLaterThan(null, CHANGE)).isTrue();
	}
}
