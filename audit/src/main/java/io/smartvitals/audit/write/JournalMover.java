package io.smartvitals.audit.write;

import io.smartvitals.audit.journal.AuditJournal;
import io.smartvitals.audit.journal.JournalPosition;
import io.smartvitals.audit.journal.JournalRead;
import io.smartvitals.audit.record.Actor;
import io.smartvitals.audit.record.AuditAction;
import io.smartvitals.audit.record.AuditRecord;
import io.smartvitals.audit.record.SecurityEvent;
import io.smartvitals.audit.store.JournalProgress;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves this node's journal into the chains, batch by batch, with the journal's position in the
 * same transaction ({@link JournalProgress}); then deletes the segments it has passed. Driven by
 * the {@link AuditChainer}, so it also runs before every read of a chain.
 */
public final class JournalMover implements Unchained {

	private static final Logger log = LoggerFactory.getLogger(JournalMover.class);

	private final AuditJournal journal;
	private final JournalProgress progress;
	private JournalPosition position;

	public JournalMover(AuditJournal journal, JournalProgress progress) {
		this.journal = journal;
		this.progress = progress;
	}

	@Override
	public synchronized boolean chainSome(int max) throws SQLException, IOException {
		if (position == null) {
			position = progress.position(journal.nodeId()).orElse(journal.start());
		}
		JournalRead read = journal.read(position, max);
		if (read.records().isEmpty() && read.next().equals(position)) {
			return false;
		}
		List<AuditRecord> records = new ArrayList<>(read.records());
		if (read.damagedBytes() > 0) {
			records.add(damaged(position.segment(), read.damagedBytes()));
		}
		progress.move(journal.nodeId(), records, read.next());
		boolean passedSegment = read.next().segment() > position.segment();
		position = read.next();
		if (passedSegment) {
			journal.deleteBefore(position);
		}
		return true;
	}

	private AuditRecord damaged(long segment, long bytes) {
		String what = bytes + " bytes at the end of segment " + segment + " of audit journal " + journal.nodeId()
				+ " are not a whole entry: an entry a crash cut short while it was written (its request was never answered), or damage";
		log.warn(what);
		return SecurityEvent.of(AuditAction.AUDIT_JOURNAL_DAMAGED, AuditRecord.SERVER_CHAIN)
				.actor(Actor.operator())
				.rule("journal-entry-checksum")
				.detail(what)
				.build();
	}
}
