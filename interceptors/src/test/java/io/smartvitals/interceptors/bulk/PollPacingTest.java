package io.smartvitals.interceptors.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PollPacingTest {

	@Test
	void pollsCloserThanTheIntervalAreRefusedPerJob() {
		Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
		PollPacing pacing = new PollPacing(Duration.ofSeconds(1), clock);
		assertThat(pacing.admit("job-1")).isTrue();
		assertThat(pacing.admit("job-1")).isFalse();
		assertThat(pacing.admit("job-2")).isTrue();
		assertThat(new PollPacing(Duration.ZERO, clock).admit("job-1")).isTrue();
	}
}
