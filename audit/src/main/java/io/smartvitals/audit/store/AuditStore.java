package io.smartvitals.audit.store;

import io.smartvitals.audit.chain.ChainVerification;
import io.smartvitals.audit.chain.ChainVerifier;
import io.smartvitals.audit.chain.ChainedRecord;
import io.smartvitals.audit.chain.Checkpoint;
import io.smartvitals.audit.chain.CheckpointSigner;
import io.smartvitals.audit.record.AuditRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Audit records in the database. Appends take the chain head row of each tenant in the batch
 * with {@code SELECT ... FOR UPDATE} (tenants in sorted order, so two nodes never deadlock), chain
 * the new records after it and move the head, all in one transaction: chains never fork, however
 * many nodes write. Nothing here updates a record; purge deletes a verified prefix only.
 */
public class AuditStore {

	static final String COLUMNS = RecordColumns.NAMES + ", seq, prev_hash, hash";
	static final int COLUMN_COUNT = RecordColumns.COUNT + 3;
	private static final int STREAM_FETCH_SIZE = 1000;

	private final DataSource dataSource;

	public AuditStore(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	private record Head(long seq, String hash, Integer retentionDays) {}

	/** Chains and stores the batch in one transaction; the result is in the batch's order. */
	public List<ChainedRecord> append(List<AuditRecord> batch) throws SQLException {
		return JdbcTransaction.run(dataSource, c -> appendIn(c, batch));
	}

	/** Chains the batch after each tenant's head inside the caller's transaction (which it leaves open). */
	static List<ChainedRecord> appendIn(Connection c, List<AuditRecord> batch) throws SQLException {
		Map<String, List<Integer>> byTenant = byTenant(batch);
		ChainedRecord[] chained = new ChainedRecord[batch.size()];
		List<ChainedRecord> inChainOrder = new ArrayList<>(batch.size());
		try (PreparedStatement moveHead = c.prepareStatement(
				"UPDATE audit_chain_head SET last_seq = ?, last_hash = ?, updated_at = ? WHERE tenant_id = ?")) {
			OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
			for (Map.Entry<String, List<Integer>> tenant : byTenant.entrySet()) {
				Head head = lockHead(c, tenant.getKey());
				long seq = head.seq();
				String prev = head.hash();
				for (int index : tenant.getValue()) {
					ChainedRecord record = ChainedRecord.link(++seq, batch.get(index), prev);
					inChainOrder.add(record);
					chained[index] = record;
					prev = record.hash();
				}
				moveHead.setLong(1, seq);
				moveHead.setString(2, prev);
				moveHead.setObject(3, now);
				moveHead.setString(4, tenant.getKey());
				moveHead.addBatch();
			}
			insert(c, inChainOrder);
			if (!batch.isEmpty()) {
				moveHead.executeBatch();
			}
		}
		return Arrays.asList(chained);
	}

	/**
	 * The batch's positions per tenant, tenants in sorted order: every writer locks chain heads in
	 * this order, so two writers never deadlock.
	 */
	static Map<String, List<Integer>> byTenant(List<AuditRecord> batch) {
		Map<String, List<Integer>> byTenant = new TreeMap<>();
		for (int i = 0; i < batch.size(); i++) {
			byTenant.computeIfAbsent(batch.get(i).tenant(), t -> new ArrayList<>()).add(i);
		}
		return byTenant;
	}

	/** The head row, locked for this transaction; created (empty chain) when the tenant has none yet. */
	private static Head lockHead(Connection c, String tenant) throws SQLException {
		Optional<Head> head = readHead(c, tenant, true);
		if (head.isPresent()) {
			return head.get();
		}
		Savepoint beforeInsert = c.setSavepoint();
		try (PreparedStatement insert = c.prepareStatement(
				"INSERT INTO audit_chain_head (tenant_id, last_seq, last_hash, updated_at) VALUES (?, 0, ?, ?)")) {
			insert.setString(1, tenant);
			insert.setString(2, ChainedRecord.GENESIS);
			insert.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
			insert.executeUpdate();
		} catch (SQLException anotherNodeWasFirst) {
			c.rollback(beforeInsert);
		}
		return readHead(c, tenant, true).orElseThrow(() -> new SQLException("No audit chain head for " + tenant));
	}

	private static Optional<Head> readHead(Connection c, String tenant, boolean lock) throws SQLException {
		try (PreparedStatement select = c.prepareStatement(
				"SELECT last_seq, last_hash, retention_days FROM audit_chain_head WHERE tenant_id = ?" + (lock ? " FOR UPDATE" : ""))) {
			select.setString(1, tenant);
			try (ResultSet rs = select.executeQuery()) {
				if (!rs.next()) {
					return Optional.empty();
				}
				long seq = rs.getLong(1);
				String hash = rs.getString(2);
				int days = rs.getInt(3);
				Integer retention = rs.wasNull() ? null : days;
				return Optional.of(new Head(seq, hash, retention));
			}
		}
	}

	public Optional<ChainedRecord> find(String tenant, long seq) throws SQLException {
		try (Connection c = dataSource.getConnection();
				PreparedStatement select = c.prepareStatement(
						"SELECT " + COLUMNS + " FROM audit_record WHERE tenant_id = ? AND seq = ?")) {
			select.setString(1, tenant);
			select.setLong(2, seq);
			try (ResultSet rs = select.executeQuery()) {
				return rs.next() ? Optional.of(read(rs)) : Optional.empty();
			}
		}
	}

	/** Newest first, at most {@code query.limit()}. */
	public List<ChainedRecord> search(AuditQuery query) throws SQLException {
		StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_record WHERE tenant_id = ?");
		List<Object> args = new ArrayList<>();
		args.add(query.tenant());
		if (query.from() != null) {
			sql.append(" AND recorded_at >= ?");
			args.add(OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC));
		}
		if (query.to() != null) {
			sql.append(" AND recorded_at < ?");
			args.add(OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC));
		}
		if (query.patient() != null) {
			sql.append(" AND (' ' || patients || ' ') LIKE ? ESCAPE '!'");
			args.add("% " + likeLiteral(query.patient()) + " %");
		}
		if (query.entity() != null) {
			sql.append(" AND (' ' || resources || ' ') LIKE ? ESCAPE '!'");
			args.add("% " + likeLiteral(query.entity()) + " %");
		}
		if (query.agent() != null) {
			sql.append(" AND (actor_id = ? OR on_behalf_of = ?)");
			args.add(query.agent());
			args.add(query.agent());
		}
		if (query.action() != null) {
			sql.append(" AND action = ?");
			args.add(query.action());
		}
		if (query.outcome() != null) {
			sql.append(" AND outcome = ?");
			args.add(query.outcome());
		}
		sql.append(" ORDER BY seq DESC LIMIT ?");
		// The action letter is derived from the code, so it is filtered below; fetch more rows for it.
		args.add(query.crude() == null ? query.limit() : Math.min(query.limit() * 20L, 100_000L));
		List<ChainedRecord> found = new ArrayList<>();
		try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql.toString())) {
			for (int i = 0; i < args.size(); i++) {
				select.setObject(i + 1, args.get(i));
			}
			select.setFetchSize(Math.min(query.limit(), STREAM_FETCH_SIZE));
			try (ResultSet rs = select.executeQuery()) {
				while (rs.next() && found.size() < query.limit()) {
					ChainedRecord record = read(rs);
					if (query.crude() == null || record.record().action().crude() == query.crude()) {
						found.add(record);
					}
				}
			}
		}
		return found;
	}

	/** Every record of the tenant in [from, to) in chain order, streamed (memory stays flat). */
	public void stream(String tenant, Instant from, Instant to, Consumer<ChainedRecord> sink) throws SQLException {
		try (Connection c = dataSource.getConnection()) {
			boolean autoCommit = c.getAutoCommit();
			// PostgreSQL streams with a cursor only inside a transaction.
			c.setAutoCommit(false);
			try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_record WHERE tenant_id = ?"
					+ " AND recorded_at >= ? AND recorded_at < ? ORDER BY seq")) {
				select.setString(1, tenant);
				select.setObject(2, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
				select.setObject(3, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
				select.setFetchSize(STREAM_FETCH_SIZE);
				try (ResultSet rs = select.executeQuery()) {
					while (rs.next()) {
						sink.accept(read(rs));
					}
				}
				c.commit();
			} finally {
				c.setAutoCommit(autoCommit);
			}
		}
	}

	/** Checks the whole chain of the tenant on one consistent snapshot. */
	public ChainVerification verify(String tenant, ChainVerifier verifier) throws SQLException {
		try (Connection c = dataSource.getConnection()) {
			boolean autoCommit = c.getAutoCommit();
			int isolation = c.getTransactionIsolation();
			c.setAutoCommit(false);
			c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
			try {
				ChainVerification result = verifyIn(c, tenant, verifier);
				c.commit();
				return result;
			} finally {
				c.rollback();
				c.setTransactionIsolation(isolation);
				c.setAutoCommit(autoCommit);
			}
		}
	}

	private ChainVerification verifyIn(Connection c, String tenant, ChainVerifier verifier) throws SQLException {
		Head head = readHead(c, tenant, false).orElse(new Head(0, ChainedRecord.GENESIS, null));
		Checkpoint checkpoint = latestCheckpoint(c, tenant).orElse(null);
		long from = checkpoint == null ? 0 : checkpoint.throughSeq();
		try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS
				+ " FROM audit_record WHERE tenant_id = ? AND seq > ? AND seq <= ? ORDER BY seq")) {
			select.setString(1, tenant);
			select.setLong(2, from);
			select.setLong(3, head.seq());
			select.setFetchSize(STREAM_FETCH_SIZE);
			try (ResultSet rs = select.executeQuery()) {
				return verifier.verify(tenant, checkpoint, new RowIterator(rs), head.seq(), head.hash());
			}
		}
	}

	public Optional<Checkpoint> latestCheckpoint(String tenant) throws SQLException {
		try (Connection c = dataSource.getConnection()) {
			return latestCheckpoint(c, tenant);
		}
	}

	private static Optional<Checkpoint> latestCheckpoint(Connection c, String tenant) throws SQLException {
		try (PreparedStatement select = c.prepareStatement("SELECT tenant_id, through_seq, through_hash, purged_count, cutoff,"
				+ " created_at, key_id, signature FROM audit_checkpoint WHERE tenant_id = ? ORDER BY through_seq DESC")) {
			select.setString(1, tenant);
			select.setMaxRows(1);
			try (ResultSet rs = select.executeQuery()) {
				if (!rs.next()) {
					return Optional.empty();
				}
				return Optional.of(new Checkpoint(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getLong(4),
						instant(rs, 5), instant(rs, 6), rs.getString(7), rs.getString(8)));
			}
		}
	}

	/**
	 * Deletes the tenant's oldest records recorded before {@code cutoff} (the longest such prefix of
	 * the chain) and leaves a signed checkpoint for the last one. Refuses, purging nothing, when the
	 * chain does not verify: purging must never launder an edit.
	 */
	public PurgeResult purge(String tenant, Instant cutoff, ChainVerifier verifier, CheckpointSigner signer)
			throws SQLException {
		Instant cut = cutoff.truncatedTo(ChronoUnit.MILLIS);
		try (Connection c = dataSource.getConnection()) {
			boolean autoCommit = c.getAutoCommit();
			c.setAutoCommit(false);
			try {
				if (readHead(c, tenant, true).isEmpty()) {
					c.rollback();
					return new PurgeResult(0, null, null);
				}
				ChainVerification verification = verifyIn(c, tenant, verifier);
				if (!verification.intact()) {
					c.rollback();
					return new PurgeResult(0, null, verification);
				}
				long through = throughSeq(c, tenant, cut, verification.lastSeq());
				if (through <= verification.checkpointSeq()) {
					c.rollback();
					return new PurgeResult(0, null, null);
				}
				String throughHash = hashOf(c, tenant, through);
				long count = through - verification.checkpointSeq();
				Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
				String signature = signer.sign(Checkpoint.signedText(tenant, through, throughHash, count, cut, now));
				Checkpoint checkpoint = new Checkpoint(tenant, through, throughHash, count, cut, now, signer.keyId(), signature);
				try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit_checkpoint (tenant_id, through_seq,"
						+ " through_hash, purged_count, cutoff, created_at, key_id, signature) VALUES (?,?,?,?,?,?,?,?)")) {
					insert.setString(1, tenant);
					insert.setLong(2, through);
					insert.setString(3, throughHash);
					insert.setLong(4, count);
					insert.setObject(5, OffsetDateTime.ofInstant(cut, ZoneOffset.UTC));
					insert.setObject(6, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
					insert.setString(7, signer.keyId());
					insert.setString(8, signature);
					insert.executeUpdate();
				}
				long deleted;
				try (PreparedStatement delete = c.prepareStatement("DELETE FROM audit_record WHERE tenant_id = ? AND seq <= ?")) {
					delete.setString(1, tenant);
					delete.setLong(2, through);
					deleted = delete.executeUpdate();
				}
				c.commit();
				return new PurgeResult(deleted, checkpoint, null);
			} catch (SQLException | RuntimeException e) {
				c.rollback();
				throw e;
			} finally {
				c.setAutoCommit(autoCommit);
			}
		}
	}

	/** The last seq of the prefix recorded before the cutoff: one before the first record at or after it. */
	private static long throughSeq(Connection c, String tenant, Instant cutoff, long headSeq) throws SQLException {
		try (PreparedStatement select = c.prepareStatement(
				"SELECT MIN(seq) FROM audit_record WHERE tenant_id = ? AND recorded_at >= ?")) {
			select.setString(1, tenant);
			select.setObject(2, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
			try (ResultSet rs = select.executeQuery()) {
				rs.next();
				long first = rs.getLong(1);
				return rs.wasNull() ? headSeq : first - 1;
			}
		}
	}

	private static String hashOf(Connection c, String tenant, long seq) throws SQLException {
		try (PreparedStatement select = c.prepareStatement("SELECT hash FROM audit_record WHERE tenant_id = ? AND seq = ?")) {
			select.setString(1, tenant);
			select.setLong(2, seq);
			try (ResultSet rs = select.executeQuery()) {
				if (!rs.next()) {
					throw new SQLException("Record " + seq + " of " + tenant + " vanished during a purge");
				}
				return rs.getString(1);
			}
		}
	}

	/** Retention in days set for the tenant, if any (else the configured default applies). */
	public Optional<Integer> retentionDays(String tenant) throws SQLException {
		try (Connection c = dataSource.getConnection()) {
			return readHead(c, tenant, false).map(Head::retentionDays);
		}
	}

	public void setRetentionDays(String tenant, Integer days) throws SQLException {
		JdbcTransaction.run(dataSource, c -> {
			lockHead(c, tenant);
			try (PreparedStatement update = c.prepareStatement("UPDATE audit_chain_head SET retention_days = ? WHERE tenant_id = ?")) {
				if (days == null) {
					update.setNull(1, Types.INTEGER);
				} else {
					update.setInt(1, days);
				}
				update.setString(2, tenant);
				return update.executeUpdate();
			}
		});
	}

	private static void insert(Connection c, List<ChainedRecord> records) throws SQLException {
		for (int from = 0; from < records.size(); from += MultiRowSql.MAX_ROWS) {
			List<ChainedRecord> chunk = records.subList(from, Math.min(records.size(), from + MultiRowSql.MAX_ROWS));
			try (PreparedStatement insert = c.prepareStatement(MultiRowSql.insert("audit_record", COLUMNS, COLUMN_COUNT, chunk.size()))) {
				bindRows(insert, 1, chunk);
				insert.executeUpdate();
			}
		}
	}

	/** Binds the records as consecutive rows of {@link #COLUMNS}, from parameter {@code first}. */
	static void bindRows(PreparedStatement statement, int first, List<ChainedRecord> records) throws SQLException {
		int parameter = first;
		for (ChainedRecord chained : records) {
			RecordColumns.bind(statement, parameter, chained.record());
			statement.setLong(parameter + RecordColumns.COUNT, chained.seq());
			statement.setString(parameter + RecordColumns.COUNT + 1, chained.prevHash());
			statement.setString(parameter + RecordColumns.COUNT + 2, chained.hash());
			parameter += COLUMN_COUNT;
		}
	}

	private static ChainedRecord read(ResultSet rs) throws SQLException {
		return new ChainedRecord(rs.getLong("seq"), RecordColumns.read(rs), rs.getString("prev_hash"), rs.getString("hash"));
	}

	private static Instant instant(ResultSet rs, int column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	/** "!" is the LIKE escape character in the queries above. */
	private static String likeLiteral(String value) {
		return value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
	}

	/** Rows as chained records, read lazily so verification of a long chain keeps memory flat. */
	private static final class RowIterator implements Iterator<ChainedRecord> {
		private final ResultSet rs;
		private Boolean hasNext;

		RowIterator(ResultSet rs) {
			this.rs = rs;
		}

		@Override
		public boolean hasNext() {
			if (hasNext == null) {
				try {
					hasNext = rs.next();
				} catch (SQLException e) {
					throw new IllegalStateException("Reading audit records failed", e);
				}
			}
			return hasNext;
		}

		@Override
		public ChainedRecord next() {
			if (!hasNext()) {
				throw new NoSuchElementException();
			}
			hasNext = null;
			try {
				return read(rs);
			} catch (SQLException e) {
				throw new IllegalStateException("Reading audit records failed", e);
			}
		}
	}
}
