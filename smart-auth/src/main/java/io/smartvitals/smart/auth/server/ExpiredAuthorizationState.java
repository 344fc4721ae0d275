package io.smartvitals.smart.auth.server;

import io.smartvitals.smart.auth.launch.LaunchContexts;
import io.smartvitals.smart.auth.token.ClientAssertionReplayCache;
import java.time.Clock;
import java.time.Duration;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Deletes authorization-server state that can no longer matter: revocations of access tokens that
 * have expired anyway, client-assertion jtis past their assertion's expiry (a replay would fail on
 * {@code exp} first), and launch contexts a day after they expired. Without it those tables grow
 * with every grant.
 */
public class ExpiredAuthorizationState {

	/** Expired launches stay a day, so an operator can still look at what was launched recently. */
	static final Duration LAUNCH_KEEP = Duration.ofDays(1);

	private final AccessTokenRevocations revocations;
	private final ClientAssertionReplayCache assertions;
	private final LaunchContexts launches;
	private final Clock clock;

	public ExpiredAuthorizationState(AccessTokenRevocations revocations, ClientAssertionReplayCache assertions,
			LaunchContexts launches, Clock clock) {
		this.revocations = revocations;
		this.assertions = assertions;
		this.launches = launches;
		this.clock = clock;
	}

	/** Every node runs it ({@code vitals.auth.purge-interval}); the deletes are idempotent, so nodes need no coordination. */
	@Scheduled(initialDelayString = "${vitals.auth.purge-interval:10m}", fixedDelayString = "${vitals.auth.purge-interval:10m}")
	public void scheduledPurge() {
		purge();
	}

	/** @return rows deleted: revocations, jtis, launches */
	public int[] purge() {
		return new int[] {
			revocations.purgeExpired(), assertions.purgeExpired(), launches.purgeExpired(clock.instant().minus(LAUNCH_KEEP))
		};
	}
}
