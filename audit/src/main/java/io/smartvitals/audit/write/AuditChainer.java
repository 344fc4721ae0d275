package io.smartvitals.audit.write;

import io.smartvitals.audit.AuditUnavailableException;
import io.smartvitals.audit.store.AuditOutbox;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves records from the outbox into their tenants' hash chains: in the background every
 * {@code interval} (starting at once, which chains whatever a crash left), and on demand through
 * {@link #drain()} before anything reads the chains, so readers never miss a record that is
 * durable but not yet chained. Each node runs one; the outbox's lock row keeps them from chaining
 * a record twice.
 */
public final class AuditChainer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(AuditChainer.class);

	private final AuditOutbox outbox;
	private final int batchSize;
	private final Duration interval;
	private final Thread thread;
	private volatile boolean running = true;
	/** Whether the last background round failed: records then wait unchained (readiness reports it). */
	private volatile boolean failing;

	public AuditChainer(AuditOutbox outbox, int batchSize, Duration interval) {
		this.outbox = outbox;
		this.batchSize = batchSize;
		this.interval = interval;
		this.thread = new Thread(this::loop, "audit-chainer");
		this.thread.setDaemon(true);
	}

	/** Starts the background chaining; separate from construction so a failing start does not leak a thread. */
	public AuditChainer start() {
		thread.start();
		return this;
	}

	/**
	 * Chains everything waiting now.
	 *
	 * @throws AuditUnavailableException when the chain cannot be extended (the database is down)
	 */
	public void drain() {
		try {
			while (outbox.chainSome(batchSize)) {
				// A full batch: there may be more.
			}
		} catch (SQLException e) {
			throw new AuditUnavailableException("Waiting audit records could not be chained", e);
		}
	}

	private void loop() {
		while (running) {
			try {
				drain();
				failing = false;
			} catch (RuntimeException e) {
				failing = true;
				// The records stay where they wait; the next round (or the next start) chains them.
				log.error("Could not chain waiting audit records; retrying in {}", interval, e);
			}
			try {
				Thread.sleep(interval.toMillis());
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/** Whether chaining works: the background thread runs and its last round succeeded. */
	public boolean healthy() {
		return running && thread.isAlive() && !failing;
	}

	/** Stops the background thread after a last drain; whatever is still waiting stays durable where it waits. */
	@Override
	public void close() throws InterruptedException {
		running = false;
		thread.interrupt();
		thread.join(10_000);
		try {
			drain();
		} catch (RuntimeException e) {
			log.warn("Audit records left unchained at shutdown are chained at the next start", e);
		}
	}
}
