package io.smartvitals.smart.auth.login;

import java.time.Duration;
import java.time.Instant;

/**
 * The rule for repeated failures (wrong password or wrong code count alike, per user):
 * <ul>
 *   <li>the first {@code throttleAfter} failures cost nothing;</li>
 *   <li>after that, each attempt must wait {@code throttleDelay}, doubled with every further failure
 *       up to {@code maxDelay}, after the last failure; an attempt inside the wait is refused without
 *       looking at the password and counts as a failure too (so hammering only gets you locked);</li>
 *   <li>at {@code lockAfter} failures the account is locked for {@code lockDuration}; when the lock
 *       runs out the count starts again from zero;</li>
 *   <li>a complete login (password and, when needed, code) resets the count.</li>
 * </ul>
 */
public record LockoutPolicy(int throttleAfter, Duration throttleDelay, Duration maxDelay, int lockAfter, Duration lockDuration) {

	public LockoutPolicy {
		if (throttleAfter < 0 || lockAfter < 1 || throttleDelay.isNegative() || maxDelay.compareTo(throttleDelay) < 0
				|| lockDuration.isNegative()) {
			throw new IllegalArgumentException("Inconsistent lockout policy");
		}
	}

	/** Defaults: 3 free failures, then 1 s doubling up to 30 s, locked 15 minutes at 10 failures. */
	public static LockoutPolicy defaults() {
		return new LockoutPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30), 10, Duration.ofMinutes(15));
	}

	/** May an attempt be checked now? */
	public sealed interface Gate {
		record Open() implements Gate {}

		record Wait(Instant until) implements Gate {}

		record Locked(Instant until) implements Gate {}
	}

	public Gate gate(int failedCount, Instant lastFailureAt, Instant lockedUntil, Instant now) {
		if (lockedUntil != null && now.isBefore(lockedUntil)) {
			return new Gate.Locked(lockedUntil);
		}
		int failures = lockedUntil != null ? 0 : failedCount;
		if (failures >= throttleAfter && lastFailureAt != null) {
			Instant until = lastFailureAt.plus(delayAfter(failures));
			if (now.isBefore(until)) {
				return new Gate.Wait(until);
			}
		}
		return new Gate.Open();
	}

	/** The wait before the next attempt once {@code failures} failures are on record. */
	public Duration delayAfter(int failures) {
		if (failures < throttleAfter) {
			return Duration.ZERO;
		}
		int doublings = Math.min(failures - throttleAfter, 30);
		Duration delay = throttleDelay.multipliedBy(1L << doublings);
		return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
	}

	public boolean locksAt(int failures) {
		return failures >= lockAfter;
	}
}
