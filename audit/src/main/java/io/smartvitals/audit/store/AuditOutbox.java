package io.smartvitals.audit.store;

import io.smartvitals.audit.record.AuditRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * The transactional outbox of the audit trail ({@code audit_outbox}): records are first made
 * durable here, cheaply (one INSERT, no chain lock), then {@link #chainWaiting chained} in batches.
 * Keeping the hash chain out of the request path is what lets a request's evidence cost one
 * insert, and lets a write's record commit in the write's own transaction.
 */
public class AuditOutbox {

	private static final String INSERT = "INSERT INTO audit_outbox (" + RecordColumns.NAMES + ") VALUES ("
			+ "?,".repeat(RecordColumns.COUNT - 1) + "?)";

	private final DataSource dataSource;

	public AuditOutbox(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** Adds the records in the caller's open transaction: they commit, or roll back, with it. */
	public void add(Connection transaction, List<AuditRecord> records) throws SQLException {
		if (records.isEmpty()) {
			return;
		}
		try (PreparedStatement insert = transaction.prepareStatement(INSERT)) {
			for (AuditRecord record : records) {
				RecordColumns.bind(insert, 1, record);
				insert.addBatch();
			}
			insert.executeBatch();
		}
	}

	/**
	 * Adds the record on the connection of the Spring-managed transaction running on this thread (a
	 * HAPI write, an admin change), so it commits or rolls back with that transaction.
	 *
	 * @throws SQLException also when no transaction holds a connection of this data source: the
	 *     record would otherwise commit on its own, apart from the change it describes
	 */
	public void addInCurrentTransaction(AuditRecord record) throws SQLException {
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try {
			if (!DataSourceUtils.isConnectionTransactional(connection, dataSource)) {
				throw new SQLException("No transaction holds a connection here; the audit record could not join the change");
			}
			add(connection, List.of(record));
		} finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

	/** Adds the records and commits them on a connection of its own: durable when this returns. */
	public void addDurably(List<AuditRecord> records) throws SQLException {
		if (records.size() == 1) {
			try (Connection c = dataSource.getConnection()) {
				if (c.getAutoCommit()) {
					// One statement in auto-commit: one round trip, one commit.
					add(c, records);
					return;
				}
			}
		}
		JdbcTransaction.run(dataSource, c -> {
			add(c, records);
			return null;
		});
	}

	/**
	 * Moves up to {@code max} waiting records, oldest first, into their tenants' chains and out of
	 * the outbox, in one transaction.
	 *
	 * @return how many were chained (0: the outbox was empty)
	 */
	public int chainWaiting(int max) throws SQLException {
		return JdbcTransaction.run(dataSource, c -> {
			try (PreparedStatement lock = c.prepareStatement("SELECT id FROM audit_chainer_lock WHERE id = 1 FOR UPDATE");
					ResultSet rs = lock.executeQuery()) {
				if (!rs.next()) {
					throw new SQLException("audit_chainer_lock has no row: the audit migrations did not run");
				}
			}
			List<Long> ids = new ArrayList<>();
			List<AuditRecord> records = new ArrayList<>();
			// Read after taking the lock: rows another node chained meanwhile are already gone.
			try (PreparedStatement select = c.prepareStatement("SELECT id, " + RecordColumns.NAMES + " FROM audit_outbox ORDER BY id")) {
				select.setMaxRows(max);
				try (ResultSet rs = select.executeQuery()) {
					while (rs.next()) {
						ids.add(rs.getLong("id"));
						records.add(RecordColumns.read(rs));
					}
				}
			}
			if (!records.isEmpty()) {
				AuditStore.appendIn(c, records);
				try (PreparedStatement delete = c.prepareStatement("DELETE FROM audit_outbox WHERE id = ?")) {
					for (long id : ids) {
						delete.setLong(1, id);
						delete.addBatch();
					}
					delete.executeBatch();
				}
			}
			return records.size();
		});
	}

	/** How many records wait to be chained. */
	public long waiting() throws SQLException {
		try (Connection c = dataSource.getConnection();
				PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM audit_outbox");
				ResultSet rs = count.executeQuery()) {
			rs.next();
			return rs.getLong(1);
		}
	}
}
