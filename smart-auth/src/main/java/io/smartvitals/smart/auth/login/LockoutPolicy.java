package io.smartvitals.smart.auth.login;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The rule for repeated failures of one account (wrong password or wrong code count alike):
 * <ul>
 *   <li>the first {@code throttleAfter} failures cost nothing;</li>
 *   <li>after that, each attempt must wait {@code throttleDelay}, doubled with every further failure
 *       up to {@code maxDelay}, after the last failure; an attempt inside the wait is refused without
 *       looking at the password and does <em>not</em> count, so nobody can hammer an account into
 *       its lock: reaching {@code lockAfter} takes the sum of the waits (91 s with the defaults),
 *       from any number of sources;</li>
 *   <li>at {@code lockAfter} failures the account is locked for {@code lockDuration}; when the lock
 *       runs out the count starts again from zero;</li>
 *   <li>a complete login (password and, when needed, code) resets the count.</li>
 * </ul>
 * Guessing from one source is slowed first by {@link SourceThrottle}.
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
		Optional<Instant> until = backoff().waitUntil(failures, lastFailureAt, now);
		return until.<Gate>map(Gate.Wait::new).orElseGet(Gate.Open::new);
	}

	/** The wait before the next attempt once {@code failures} failures are on record. */
	public Duration delayAfter(int failures) {
		return backoff().delayAfter(failures);
	}

	private Backoff backoff() {
		return new Backoff(throttleAfter, throttleDelay, maxDelay);
	}

	public boolean locksAt(int failures) {
		return failures >= lockAfter;
	}
}
