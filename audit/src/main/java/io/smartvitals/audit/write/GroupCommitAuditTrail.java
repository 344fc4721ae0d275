package io.smartvitals.audit.write;

import io.smartvitals.audit.AuditTrail;
import io.smartvitals.audit.AuditUnavailableException;
import io.smartvitals.audit.record.AuditRecord;
import io.smartvitals.audit.store.ChainWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's audit writer: group commit into the tenants' chains ({@link ChainWriter}) without a
 * writer thread. A caller queues its record and takes the commit lock; whoever holds it chains and
 * commits everything queued (up to {@code maxBatch} per commit), its own record included, so the
 * callers that queued meanwhile find theirs already durable when they get the lock. A lone caller thus commits its own
 * record on its own thread (no hand-off to wait for, which on a busy machine costs more than the
 * insert); under load one commit (one fsync) covers many requests.
 *
 * <p>Nothing a client was told about can be lost: a caller returns only after its record's commit
 * (for {@link #recordRead} under {@link ReadCommit#ASYNCHRONOUS}: its commit without the flush).
 */
public final class GroupCommitAuditTrail implements AuditTrail, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(GroupCommitAuditTrail.class);

	/** A queued record; {@code failure} is set (or {@code done} left false) by the committer that took it. */
	private static final class Pending {
		final AuditRecord record;
		final boolean durable;
		volatile boolean done;
		volatile Exception failure;

		Pending(AuditRecord record, boolean durable) {
			this.record = record;
			this.durable = durable;
		}
	}

	private final ChainWriter chains;
	private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
	private final ReentrantLock commitLock = new ReentrantLock();
	private final int maxBatch;
	private final Duration commitTimeout;
	private final ReadCommit readCommit;
	private volatile boolean accepting = true;

	/**
	 * @param commitTimeout how long a caller waits for the commit lock before it gives up (and fails its request)
	 * @param readCommit how {@link #recordRead} records are committed
	 */
	public GroupCommitAuditTrail(ChainWriter chains, int maxBatch, Duration commitTimeout, ReadCommit readCommit) {
		this.chains = chains;
		this.maxBatch = maxBatch;
		this.commitTimeout = commitTimeout;
		this.readCommit = readCommit;
	}

	@Override
	public void record(AuditRecord record) {
		commit(new Pending(record, true));
	}

	@Override
	public void recordRead(AuditRecord record) {
		commit(new Pending(record, readCommit == ReadCommit.DURABLE));
	}

	private void commit(Pending pending) {
		if (!accepting) {
			throw new AuditUnavailableException("The audit trail is shut down");
		}
		queue.add(pending);
		try {
			if (!commitLock.tryLock(commitTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new AuditUnavailableException("The audit record was not committed within " + commitTimeout);
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AuditUnavailableException("Interrupted while waiting for the audit record to commit", e);
		}
		try {
			// FIFO: our record is committed by the time the queue has been drained up to it.
			while (!pending.done) {
				commitQueued();
			}
		} finally {
			commitLock.unlock();
		}
		if (pending.failure != null) {
			throw new AuditUnavailableException("The audit record could not be stored", pending.failure);
		}
	}

	/**
	 * Chains and commits up to {@code maxBatch} queued records; with the lock held. The batch waits
	 * for the flush to disk if any record in it must.
	 */
	private void commitQueued() {
		List<Pending> batch = new ArrayList<>();
		Pending next;
		while (batch.size() < maxBatch && (next = queue.poll()) != null) {
			batch.add(next);
		}
		List<AuditRecord> records = new ArrayList<>(batch.size());
		boolean durable = false;
		for (Pending pending : batch) {
			records.add(pending.record);
			durable |= pending.durable;
		}
		Exception failure = null;
		try {
			chains.append(records, durable);
		} catch (Exception e) {
			log.error("Could not store {} audit records; their requests fail", batch.size(), e);
			failure = e;
		}
		for (Pending pending : batch) {
			pending.failure = failure;
			pending.done = true;
		}
	}

	/** Takes no new records; records already committed stay durable, and no record is ever left queued. */
	@Override
	public void close() {
		accepting = false;
	}
}
