package io.smartvitals.smart.auth.login;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Doubling waits after repeated failures: the first {@code free} failures cost nothing, then the
 * next attempt must wait {@code delay} after the last failure, doubled with every further failure
 * up to {@code max}. Shared by the per-user rule ({@link LockoutPolicy}) and the per-source one
 * ({@link SourceThrottle}).
 */
public record Backoff(int free, Duration delay, Duration max) {

	public Backoff {
		if (free < 0 || delay.isNegative() || max.compareTo(delay) < 0) {
			throw new IllegalArgumentException("Inconsistent backoff");
		}
	}

	/** The wait before the next attempt once {@code failures} failures are on record. */
	public Duration delayAfter(int failures) {
		if (failures < free) {
			return Duration.ZERO;
		}
		int doublings = Math.min(failures - free, 30);
		Duration doubled = delay.multipliedBy(1L << doublings);
		return doubled.compareTo(max) > 0 ? max : doubled;
	}

	/** Until when an attempt must wait, if it must. */
	public Optional<Instant> waitUntil(int failures, Instant lastFailureAt, Instant now) {
		if (failures < free || lastFailureAt == null) {
			return Optional.empty();
		}
		Instant until = lastFailureAt.plus(delayAfter(failures));
		return now.isBefore(until) ? Optional.of(until) : Optional.empty();
	}
}
