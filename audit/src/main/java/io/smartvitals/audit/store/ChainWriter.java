package io.smartvitals.audit.store;

import io.smartvitals.audit.chain.ChainedRecord;
import io.smartvitals.audit.record.AuditRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Appends records straight into their tenants' hash chains and commits them: the node's group
 * commit writes through this, so a record costs one insert, with no outbox row to move later.
 *
 * <p>It remembers where it left each tenant's chain head. On PostgreSQL a batch then costs one
 * statement per tenant (one round trip for the usual batch of one tenant): move the head only if
 * it is still where this writer left it, and insert the linked records, in the same statement. If
 * another writer moved the head meanwhile (another node, the outbox chainer), that statement changes
 * nothing, and the batch is appended the careful way instead: lock the heads, link, insert, move
 * ({@link AuditStore#appendIn}). The head row is locked either way, so chains never fork. H2 (one
 * embedded node, no network round trips) always takes the careful way.
 */
public class ChainWriter {

	/**
	 * Moves the head from where this writer left it; the optional clause commits this statement's
	 * transaction without waiting for the WAL flush (for that transaction only).
	 */
	private static final String MOVE_HEAD = "WITH head AS (UPDATE audit_chain_head SET last_seq = ?, last_hash = ?, updated_at = ?"
			+ " WHERE tenant_id = ? AND last_seq = ? AND last_hash = ?%s RETURNING tenant_id)"
			+ " INSERT INTO audit_record (" + AuditStore.COLUMNS + ") SELECT * FROM (%s) AS linked WHERE EXISTS (SELECT 1 FROM head)";
	private static final String WITHOUT_FLUSH = " AND set_config('synchronous_commit', 'off', true) IS NOT NULL";

	private record Head(long seq, String hash) {}

	/** One statement: a tenant's next records (at most {@link MultiRowSql#MAX_ROWS}), linked after {@code from}. */
	private record Step(String tenant, Head from, List<ChainedRecord> linked) {
		Head to() {
			ChainedRecord last = linked.get(linked.size() - 1);
			return new Head(last.seq(), last.hash());
		}
	}

	private final DataSource dataSource;
	private final Map<String, Head> heads = new ConcurrentHashMap<>();
	private final AtomicLong carefulAppends = new AtomicLong();
	private volatile Boolean postgres;

	public ChainWriter(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * Chains and commits the batch; the result is in the batch's order.
	 *
	 * @param durable whether to wait for the database's flush to disk; when false (PostgreSQL only)
	 *     the records are committed, and survive a crash of this server, but a crash of the database
	 *     host in the moment after can lose them
	 */
	public List<ChainedRecord> append(List<AuditRecord> batch, boolean durable) throws SQLException {
		if (batch.isEmpty()) {
			return List.of();
		}
		List<ChainedRecord> fast = isPostgres() ? appendAfterKnownHeads(batch, durable) : null;
		if (fast == null) {
			carefulAppends.incrementAndGet();
		}
		List<ChainedRecord> chained = fast != null ? fast : JdbcTransaction.run(dataSource, c -> {
			if (!durable && isPostgres()) {
				try (PreparedStatement noFlush = c.prepareStatement("SELECT set_config('synchronous_commit', 'off', true)")) {
					noFlush.execute();
				}
			}
			return AuditStore.appendIn(c, batch);
		});
		remember(chained);
		return chained;
	}

	/** The one-statement-per-tenant path, or null when a head is unknown or moved (nothing was written then). */
	private List<ChainedRecord> appendAfterKnownHeads(List<AuditRecord> batch, boolean durable)
			throws SQLException {
		ChainedRecord[] chained = new ChainedRecord[batch.size()];
		List<Step> steps = new ArrayList<>();
		for (Map.Entry<String, List<Integer>> tenant : AuditStore.byTenant(batch).entrySet()) {
			Head head = heads.get(tenant.getKey());
			if (head == null) {
				return null;
			}
			List<ChainedRecord> linked = new ArrayList<>();
			for (int index : tenant.getValue()) {
				ChainedRecord record = ChainedRecord.link(head.seq() + 1, batch.get(index), head.hash());
				chained[index] = record;
				linked.add(record);
				head = new Head(record.seq(), record.hash());
				if (linked.size() == MultiRowSql.MAX_ROWS) {
					steps.add(step(tenant.getKey(), linked));
					linked = new ArrayList<>();
				}
			}
			if (!linked.isEmpty()) {
				steps.add(step(tenant.getKey(), linked));
			}
		}
		if (steps.size() == 1) {
			try (Connection c = dataSource.getConnection()) {
				if (c.getAutoCommit()) {
					// The usual case: one statement in auto-commit is one round trip and one commit.
					return execute(c, steps.get(0), durable) ? Arrays.asList(chained) : forget(steps);
				}
			}
		}
		return JdbcTransaction.run(dataSource, c -> {
			for (Step step : steps) {
				if (!execute(c, step, durable)) {
					// Undo the steps before it; the (now empty) transaction's commit then changes nothing.
					c.rollback();
					return forget(steps);
				}
			}
			return Arrays.asList(chained);
		});
	}

	private static Step step(String tenant, List<ChainedRecord> linked) {
		ChainedRecord first = linked.get(0);
		return new Step(tenant, new Head(first.seq() - 1, first.prevHash()), List.copyOf(linked));
	}

	/** Whether the head was where the step expected it (the records are then inserted). */
	private static boolean execute(Connection c, Step step, boolean durable) throws SQLException {
		String sql = String.format(MOVE_HEAD, durable ? "" : WITHOUT_FLUSH, MultiRowSql.values(AuditStore.COLUMN_COUNT, step.linked().size()));
		try (PreparedStatement statement = c.prepareStatement(sql)) {
			Head to = step.to();
			statement.setLong(1, to.seq());
			statement.setString(2, to.hash());
			statement.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
			statement.setString(4, step.tenant());
			statement.setLong(5, step.from().seq());
			statement.setString(6, step.from().hash());
			AuditStore.bindRows(statement, 7, step.linked());
			return statement.executeUpdate() == step.linked().size();
		}
	}

	/** A head moved under us: forget what we knew of the batch's tenants; the careful way re-reads them. */
	private List<ChainedRecord> forget(List<Step> steps) {
		steps.forEach(step -> heads.remove(step.tenant()));
		return null;
	}

	private void remember(List<ChainedRecord> chained) {
		for (ChainedRecord record : chained) {
			// In the batch's order; per tenant the last one is the new head.
			heads.put(record.record().tenant(), new Head(record.seq(), record.hash()));
		}
	}

	/**
	 * How many batches took the careful way: on PostgreSQL, the first of each tenant and one after
	 * each time another writer moved a head; many more than that mean nodes contend for chains.
	 */
	public long carefulAppends() {
		return carefulAppends.get();
	}

	private boolean isPostgres() throws SQLException {
		Boolean known = postgres;
		if (known == null) {
			try (Connection c = dataSource.getConnection()) {
				known = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
			}
			postgres = known;
		}
		return known;
	}
}
