package io.smartvitals.audit.write;

import io.smartvitals.audit.AuditTrail;
import io.smartvitals.audit.AuditUnavailableException;
import io.smartvitals.audit.record.AuditRecord;
import io.smartvitals.audit.store.AuditOutbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's audit writer. A caller's record joins a queue and the caller waits; one writer thread
 * takes everything queued (up to {@code maxBatch}), commits it to the {@link AuditOutbox} in one
 * statement, then releases the waiting callers. Under load one commit (one fsync) covers many
 * requests; with a single caller it costs one insert. The {@link AuditChainer} links the records
 * into their chains afterwards, off the request path.
 *
 * <p>Nothing a client was told about can be lost: a caller returns only after the commit, so a
 * crash loses only records whose requests never got an answer. On shutdown the writer stops taking
 * new records, commits what is queued, and fails whatever is left.
 */
public final class GroupCommitAuditTrail implements AuditTrail, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(GroupCommitAuditTrail.class);

	private record Pending(AuditRecord record, CompletableFuture<Void> stored) {}

	private final AuditOutbox outbox;
	private final BlockingQueue<Pending> queue;
	private final int maxBatch;
	private final Duration commitTimeout;
	private final Thread writer;
	private volatile boolean accepting = true;

	/**
	 * @param capacity how many records may wait; a full queue makes callers wait up to {@code commitTimeout}
	 * @param commitTimeout how long a caller waits for its record's commit before it gives up (and fails its request)
	 */
	public GroupCommitAuditTrail(AuditOutbox outbox, int capacity, int maxBatch, Duration commitTimeout) {
		this.outbox = outbox;
		this.queue = new ArrayBlockingQueue<>(capacity);
		this.maxBatch = maxBatch;
		this.commitTimeout = commitTimeout;
		this.writer = new Thread(this::writeLoop, "audit-writer");
		this.writer.setDaemon(true);
		this.writer.start();
	}

	@Override
	public void record(AuditRecord record) {
		if (!accepting) {
			throw new AuditUnavailableException("The audit trail is shut down");
		}
		Pending pending = new Pending(record, new CompletableFuture<>());
		try {
			if (!queue.offer(pending, commitTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new AuditUnavailableException("The audit trail is overloaded: no room to queue a record");
			}
			pending.stored().get(commitTimeout.toMillis(), TimeUnit.MILLISECONDS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AuditUnavailableException("Interrupted while waiting for the audit record to commit", e);
		} catch (ExecutionException e) {
			throw new AuditUnavailableException("The audit record could not be stored", e.getCause());
		} catch (TimeoutException e) {
			throw new AuditUnavailableException("The audit record was not committed within " + commitTimeout, e);
		}
	}

	private void writeLoop() {
		List<Pending> batch = new ArrayList<>(maxBatch);
		while (accepting || !queue.isEmpty()) {
			try {
				Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				queue.drainTo(batch, maxBatch - 1);
				commit(batch);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				break;
			} finally {
				batch.clear();
			}
		}
		failRemaining();
	}

	private void commit(List<Pending> batch) {
		List<AuditRecord> records = new ArrayList<>(batch.size());
		for (Pending pending : batch) {
			records.add(pending.record());
		}
		try {
			outbox.addDurably(records);
			for (Pending pending : batch) {
				pending.stored().complete(null);
			}
		} catch (Exception | Error e) {
			log.error("Could not store {} audit records; their requests fail", batch.size(), e);
			for (Pending pending : batch) {
				pending.stored().completeExceptionally(e);
			}
		}
	}

	private void failRemaining() {
		List<Pending> left = new ArrayList<>();
		queue.drainTo(left);
		for (Pending pending : left) {
			pending.stored().completeExceptionally(new AuditUnavailableException("The audit trail shut down"));
		}
	}

	/** Stops taking records, commits everything already queued, then stops the writer. */
	@Override
	public void close() throws InterruptedException {
		accepting = false;
		writer.join(commitTimeout.toMillis() + 5_000);
		failRemaining();
	}
}
