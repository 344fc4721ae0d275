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
 * The transactional outbox of the audit trail ({@code audit_outbox}), for records that must commit
 * or roll back with a transaction that is not the audit trail's own: a FHIR write's record joins the
 * write's transaction (a write holding a tenant's chain head until HAPI commits would stall every
 * other request of the tenant), an admin change's joins the change's. The {@link
 * io.smartvitals.audit.write.AuditChainer chainer} then moves them into their chains in batches.
 * Every other record is chained as it is committed ({@link ChainWriter}).
 */
public class AuditOutbox {

	private final DataSource dataSource;

	public AuditOutbox(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** Adds the records in the caller's open transaction: they commit, or roll back, with it. */
	public void add(Connection transaction, List<AuditRecord> records) throws SQLException {
		insert(transaction, records);
	}

	private static void insert(Connection c, List<AuditRecord> records) throws SQLException {
		for (int from = 0; from < records.size(); from += MultiRowSql.MAX_ROWS) {
			List<AuditRecord> chunk = records.subList(from, Math.min(records.size(), from + MultiRowSql.MAX_ROWS));
			try (PreparedStatement insert = c.prepareStatement(
					MultiRowSql.insert("audit_outbox", RecordColumns.NAMES, RecordColumns.COUNT, chunk.size()))) {
				int parameter = 1;
				for (AuditRecord record : chunk) {
					RecordColumns.bind(insert, parameter, record);
					parameter += RecordColumns.COUNT;
				}
				insert.executeUpdate();
			}
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
				for (int from = 0; from < ids.size(); from += MultiRowSql.MAX_ROWS) {
					List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + MultiRowSql.MAX_ROWS));
					try (PreparedStatement delete = c.prepareStatement(MultiRowSql.deleteWhereIn("audit_outbox", "id", chunk.size()))) {
						for (int i = 0; i < chunk.size(); i++) {
							delete.setLong(i + 1, chunk.get(i));
						}
						delete.executeUpdate();
					}
				}
			}
			return records.size();
		});
	}

	/** Chains a batch; more may wait when it was full. */
	public boolean chainSome(int max) throws SQLException {
		return chainWaiting(max) == max;
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
