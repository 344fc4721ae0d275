package io.smartvitals.tenants.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** Rows of {@code vitals_tenant}; see {@code db/migration/tenants}. */
public class TenantRepository {

	private static final String COLUMNS =
			"id, display_name, status, plan, partition_id, created_at, updated_at";

	private final JdbcTemplate jdbc;

	public TenantRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Tenant> find(TenantId id) {
		List<Tenant> rows = jdbc.query(
				"SELECT " + COLUMNS + " FROM vitals_tenant WHERE id = ?", this::toTenant, id.value());
		return rows.stream().findFirst();
	}

	public List<Tenant> findAll() {
		return jdbc.query("SELECT " + COLUMNS + " FROM vitals_tenant ORDER BY id", this::toTenant);
	}

	public void insert(Tenant tenant) {
		jdbc.update(
				"INSERT INTO vitals_tenant (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
				tenant.id().value(),
				tenant.displayName(),
				tenant.status().name(),
				tenant.plan(),
				tenant.partitionId(),
				Timestamp.from(tenant.createdAt()),
				Timestamp.from(tenant.updatedAt()));
	}

	/** @return false when no such tenant exists */
	public boolean updateStatus(TenantId id, TenantStatus status, Instant at) {
		return jdbc.update(
						"UPDATE vitals_tenant SET status = ?, updated_at = ? WHERE id = ?",
						status.name(),
						Timestamp.from(at),
						id.value())
				== 1;
	}

	private Tenant toTenant(ResultSet rs, int row) throws SQLException {
		return new Tenant(
				new TenantId(rs.getString("id")),
				rs.getString("display_name"),
				TenantStatus.valueOf(rs.getString("status")),
				rs.getString("plan"),
				rs.getInt("partition_id"),
				rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}
}
