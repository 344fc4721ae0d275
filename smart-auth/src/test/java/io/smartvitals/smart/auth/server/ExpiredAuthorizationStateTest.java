package io.smartvitals.smart.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartvitals.smart.auth.launch.LaunchContexts;
import io.smartvitals.smart.auth.launch.LaunchRequest;
import io.smartvitals.smart.auth.support.AuthDatabase;
import io.smartvitals.smart.auth.token.ClientAssertionReplayCache;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class ExpiredAuthorizationStateTest {

	private final JdbcTemplate jdbc = AuthDatabase.fresh();
	private final AuthDatabase.MovableClock clock = new AuthDatabase.MovableClock(Instant.parse("2026-11-23T10:00:00Z"));
	private final AccessTokenRevocations revocations = new AccessTokenRevocations(jdbc, clock);
	private final ClientAssertionReplayCache assertions = new ClientAssertionReplayCache(jdbc, clock);
	private final LaunchContexts launches = new LaunchContexts(jdbc, clock, Duration.ofMinutes(5));
	private final ExpiredAuthorizationState state = new ExpiredAuthorizationState(revocations, assertions, launches, clock);

	@Test
	void onlyStateThatCanNoLongerMatterIsDeleted() {
		revocations.revoke("t", "jti-short", clock.instant().plus(Duration.ofMinutes(5)));
		revocations.revoke("t", "jti-long", clock.instant().plus(Duration.ofHours(2)));
		assertThat(assertions.firstUse("t", "c", "a-1", clock.instant().plus(Duration.ofMinutes(5)))).isTrue();
		launches.create("t", new LaunchRequest("p1", null, null));

		assertThat(state.purge()).containsExactly(0, 0, 0);

		clock.advance(Duration.ofMinutes(11)); // jtis are kept 5 minutes past their expiry
		assertThat(state.purge()).as("expired token and assertion; the launch is kept a day").containsExactly(1, 1, 0);
		assertThat(revocations.isRevoked("jti-long")).isTrue();
		assertThat(assertions.firstUse("t", "c", "a-1", clock.instant().plus(Duration.ofMinutes(5))))
				.as("a purged jti is free again, but its assertion has expired by then").isTrue();

		clock.advance(Duration.ofDays(1));
		assertThat(state.purge()[2]).isEqualTo(1);
	}
}
