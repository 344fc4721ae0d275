package io.smartvitals.audit.journal;

import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * How long at most the leader of a journal flush waits for more records to join it, and when: only
 * while at least {@code siblings} requests are in progress that have not yet asked for a flush
 * (PostgreSQL's {@code commit_delay} and {@code commit_siblings}, for the journal). With the
 * default of 2 on 2 cores, the leader stops waiting once fewer than two requests are left to run,
 * so the wait never leaves a core idle for long.
 *
 * <p>Why: on these virtual machines each flush also takes 60-80 us of the other core, spent
 * outside the guest in the host's emulated disk, on top of its own 30-60 us ({@code FlushCostProbe},
 * docs/benchmarks.md); under load the number of flushes, not their latency, limits reads. With fewer
 * requests in progress nothing would join, and the delay would only add to the answer's latency.
 */
public record FlushDelay(Duration delay, int siblings, IntSupplier requestsInProgress) {

	/** Every leader flushes at once. */
	public static final FlushDelay NONE = new FlushDelay(Duration.ZERO, Integer.MAX_VALUE, () -> 0);

	public FlushDelay {
		if (delay.isNegative() || siblings < 1) {
			throw new IllegalArgumentException("A flush delay must not be negative and needs at least one sibling");
		}
	}

	/** Whether a leader should wait, with {@code awaiting} threads (itself included) already waiting for flushes. */
	boolean applies(int awaiting) {
		return !delay.isZero() && requestsInProgress.getAsInt() - awaiting >= siblings;
	}
}
