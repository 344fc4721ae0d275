package io.smartvitals.audit.store;

import io.smartvitals.audit.journal.JournalPosition;
import io.smartvitals.audit.record.AuditRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Records moved from a node's journal into their chains, together with how far that journal has
 * been moved ({@code audit_journal_progress}), in one transaction.
 */
public class JournalProgress {

	private final DataSource dataSource;
	private final ChainWriter writer;

	/** @param writer the node's writer, which then knows the heads the moved records leave */
	public JournalProgress(DataSource dataSource, ChainWriter writer) {
		this.dataSource = dataSource;
		this.writer = writer;
	}

	/** How far the journal was moved, or empty when nothing of it ever was. */
	public Optional<JournalPosition> position(String journal) throws SQLException {
		try (Connection c = dataSource.getConnection();
				PreparedStatement select = c.prepareStatement(
						"SELECT segment, entry_offset FROM audit_journal_progress WHERE journal_id = ?")) {
			select.setString(1, journal);
			try (ResultSet rs = select.executeQuery()) {
				return rs.next() ? Optional.of(new JournalPosition(rs.getLong(1), rs.getLong(2))) : Optional.empty();
			}
		}
	}

	/** Chains the records (may be none) and moves the journal's position to {@code next}, in one transaction. */
	public void move(String journal, List<AuditRecord> records, JournalPosition next) throws SQLException {
		writer.appendWith(records, c -> {
			OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
			try (PreparedStatement update = c.prepareStatement(
					"UPDATE audit_journal_progress SET segment = ?, entry_offset = ?, updated_at = ? WHERE journal_id = ?")) {
				update.setLong(1, next.segment());
				update.setLong(2, next.offset());
				update.setObject(3, now);
				update.setString(4, journal);
				if (update.executeUpdate() == 1) {
					return null;
				}
			}
			try (PreparedStatement insert = c.prepareStatement(
					"INSERT INTO audit_journal_progress (journal_id, segment, entry_offset, updated_at) VALUES (?, ?, ?, ?)")) {
				insert.setString(1, journal);
				insert.setLong(2, next.segment());
				insert.setLong(3, next.offset());
				insert.setObject(4, now);
				insert.executeUpdate();
			}
			return null;
		});
	}
}
