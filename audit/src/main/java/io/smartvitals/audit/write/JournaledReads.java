package io.smartvitals.audit.write;

import io.smartvitals.audit.AuditTrail;
import io.smartvitals.audit.AuditUnavailableException;
import io.smartvitals.audit.PendingRecord;
import io.smartvitals.audit.journal.AuditJournal;
import io.smartvitals.audit.journal.JournalPosition;
import io.smartvitals.audit.record.AuditRecord;
import java.io.IOException;

/**
 * The trail with {@code vitals.audit.journal-dir} set: the records of reads go to the node's
 * journal (flushed to disk before the answer under {@link ReadCommit#DURABLE}), and reach their
 * chains through the {@link JournalMover}; every other record is committed as before.
 */
public final class JournaledReads implements AuditTrail, AutoCloseable {

	private final GroupCommitAuditTrail others;
	private final AuditJournal journal;
	private final boolean flush;

	public JournaledReads(GroupCommitAuditTrail others, AuditJournal journal, ReadCommit readCommit) {
		this.others = others;
		this.journal = journal;
		this.flush = readCommit == ReadCommit.DURABLE;
	}

	@Override
	public void record(AuditRecord record) {
		others.record(record);
	}

	@Override
	public void recordRead(AuditRecord record) {
		recordReadPending(record).awaitDurable();
	}

	@Override
	public PendingRecord recordReadPending(AuditRecord record) {
		JournalPosition written;
		try {
			written = journal.write(record);
		} catch (IOException | RuntimeException e) {
			throw new AuditUnavailableException("The audit record could not be written to the journal", e);
		}
		if (!flush) {
			return PendingRecord.SETTLED;
		}
		return () -> {
			try {
				journal.awaitFlush(written);
			} catch (IOException | RuntimeException e) {
				throw new AuditUnavailableException("The audit record could not be flushed to the journal", e);
			}
		};
	}

	/** As {@link GroupCommitAuditTrail#close()}; the journal is closed on its own, after the mover's last round. */
	@Override
	public void close() {
		others.close();
	}
}
