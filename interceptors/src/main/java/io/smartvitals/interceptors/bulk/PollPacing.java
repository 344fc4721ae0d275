package io.smartvitals.interceptors.bulk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Status polls of one job closer together than the minimum interval get 429 with
 * {@code Retry-After}. Kept per node in memory: behind a load balancer a client may poll each
 * node once per interval, which is still bounded; nothing else depends on it.
 */
public class PollPacing {

	private final Duration minInterval;
	private final Clock clock;
	private final Map<String, Instant> lastPoll = new ConcurrentHashMap<>();

	public PollPacing(Duration minInterval, Clock clock) {
		this.minInterval = minInterval;
		this.clock = clock;
	}

	/** True when this poll may be answered; false when it came too soon after the previous one. */
	public boolean admit(String jobId) {
		if (minInterval.isZero()) {
			return true;
		}
		Instant now = clock.instant();
		if (lastPoll.size() > 10_000) {
			lastPoll.values().removeIf(t -> t.plus(minInterval).isBefore(now));
		}
		Instant previous = lastPoll.put(jobId, now);
		return previous == null || !previous.plus(minInterval).isAfter(now);
	}

	public void forget(String jobId) {
		lastPoll.remove(jobId);
	}
}
