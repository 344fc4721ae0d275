package io.smartvitals.audit.write;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many HTTP requests this node is serving right now (counted by the request-id filter around
 * every request): the group commit waits for more records only when there are requests that may
 * bring them.
 */
public final class RequestsInFlight {

	private final AtomicInteger count = new AtomicInteger();

	public void started() {
		count.incrementAndGet();
	}

	public void finished() {
		count.decrementAndGet();
	}

	public int now() {
		return count.get();
	}
}
