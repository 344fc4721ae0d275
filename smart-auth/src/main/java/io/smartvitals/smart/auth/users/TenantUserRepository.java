package io.smartvitals.smart.auth.users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/** Rows of {@code auth_user}, always addressed by (tenant, username). */
public class TenantUserRepository {

	private final JdbcTemplate jdbc;

	public TenantUserRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** @return false when the tenant already has that username */
	public boolean insert(String tenant, NewUser user, String passwordHash, Instant now) {
		try {
			jdbc.update("INSERT INTO auth_user (tenant_id, username, password_hash, fhir_user, kind, tenant_wide, disabled,"
					+ " mfa_enrolled, failed_count, created_at) VALUES (?, ?, ?, ?, ?, ?, FALSE, FALSE, 0, ?)",
					tenant, user.username(), passwordHash, user.fhirUser().toString(), user.kind().name(), user.tenantWide(),
					Timestamp.from(now));
			return true;
		} catch (DuplicateKeyException exists) {
			return false;
		}
	}

	/** @return false when there is no such user */
	public boolean grantRole(String tenant, String username, UserRole role, Instant now) {
		if (find(tenant, username).isEmpty()) {
			return false;
		}
		if (!hasRole(tenant, username, role)) {
			try {
				jdbc.update("INSERT INTO auth_user_role (tenant_id, username, role, granted_at) VALUES (?, ?, ?, ?)",
						tenant, username, role.wireName(), Timestamp.from(now));
			} catch (DuplicateKeyException grantedMeanwhile) {
				// Granting twice is granting once.
			}
		}
		return true;
	}

	/** @return whether the user held the role */
	public boolean revokeRole(String tenant, String username, UserRole role) {
		return jdbc.update("DELETE FROM auth_user_role WHERE tenant_id = ? AND username = ? AND role = ?", tenant, username, role.wireName()) > 0;
	}

	public boolean hasRole(String tenant, String username, UserRole role) {
		Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM auth_user_role WHERE tenant_id = ? AND username = ? AND role = ?",
				Integer.class, tenant, username, role.wireName());
		return count != null && count > 0;
	}

	public Optional<TenantUser> find(String tenant, String username) {
		return jdbc.query("SELECT * FROM auth_user WHERE tenant_id = ? AND username = ?", TenantUserRepository::toUser,
				tenant, username).stream().findFirst();
	}

	public List<TenantUser> list(String tenant) {
		return jdbc.query("SELECT * FROM auth_user WHERE tenant_id = ? ORDER BY username", TenantUserRepository::toUser, tenant);
	}

	public boolean disable(String tenant, String username) {
		return jdbc.update("UPDATE auth_user SET disabled = TRUE WHERE tenant_id = ? AND username = ?", tenant, username) == 1;
	}

	public boolean unlock(String tenant, String username) {
		return jdbc.update("UPDATE auth_user SET failed_count = 0, last_failure_at = NULL, locked_until = NULL"
				+ " WHERE tenant_id = ? AND username = ?", tenant, username) == 1;
	}

	public boolean resetMfa(String tenant, String username) {
		return jdbc.update("UPDATE auth_user SET totp_secret_sealed = NULL, mfa_enrolled = FALSE, totp_last_step = NULL"
				+ " WHERE tenant_id = ? AND username = ?", tenant, username) == 1;
	}

	/** Stores a not yet confirmed TOTP secret; an enrolled user's secret is never replaced this way. */
	public boolean storePendingTotpSecret(String tenant, String username, String sealed) {
		return jdbc.update("UPDATE auth_user SET totp_secret_sealed = ? WHERE tenant_id = ? AND username = ? AND mfa_enrolled = FALSE",
				sealed, tenant, username) == 1;
	}

	public void confirmMfa(String tenant, String username) {
		jdbc.update("UPDATE auth_user SET mfa_enrolled = TRUE WHERE tenant_id = ? AND username = ? AND totp_secret_sealed IS NOT NULL",
				tenant, username);
	}

	/**
	 * Marks a TOTP time step used, atomically: succeeds only if no code of this or a later step was
	 * accepted before, on any node. This is what makes each code single-use.
	 */
	public boolean useTotpStep(String tenant, String username, long step) {
		return jdbc.update("UPDATE auth_user SET totp_last_step = ? WHERE tenant_id = ? AND username = ?"
				+ " AND (totp_last_step IS NULL OR totp_last_step < ?)", step, tenant, username, step) == 1;
	}

	/**
	 * Counts one failure atomically. A lock that has run out starts a fresh count.
	 *
	 * @return the failure count after this one
	 */
	public int recordFailure(String tenant, String username, Instant now) {
		Timestamp at = Timestamp.from(now);
		jdbc.update("UPDATE auth_user SET"
				+ " failed_count = CASE WHEN locked_until IS NOT NULL AND locked_until <= ? THEN 1 ELSE failed_count + 1 END,"
				+ " locked_until = CASE WHEN locked_until IS NOT NULL AND locked_until <= ? THEN NULL ELSE locked_until END,"
				+ " last_failure_at = ? WHERE tenant_id = ? AND username = ?", at, at, at, tenant, username);
		return jdbc.queryForObject("SELECT failed_count FROM auth_user WHERE tenant_id = ? AND username = ?", Integer.class,
				tenant, username);
	}

	public void lock(String tenant, String username, Instant until) {
		jdbc.update("UPDATE auth_user SET locked_until = ? WHERE tenant_id = ? AND username = ? AND locked_until IS NULL",
				Timestamp.from(until), tenant, username);
	}

	public void recordSuccess(String tenant, String username, Instant now) {
		jdbc.update("UPDATE auth_user SET failed_count = 0, last_failure_at = NULL, locked_until = NULL, last_login_at = ?"
				+ " WHERE tenant_id = ? AND username = ?", Timestamp.from(now), tenant, username);
	}

	private static TenantUser toUser(ResultSet rs, int row) throws SQLException {
		return new TenantUser(rs.getString("tenant_id"), rs.getString("username"), rs.getString("password_hash"),
				FhirUserReference.parse(rs.getString("fhir_user")), UserKind.valueOf(rs.getString("kind")),
				rs.getBoolean("tenant_wide"), rs.getBoolean("disabled"), rs.getString("totp_secret_sealed"),
				rs.getBoolean("mfa_enrolled"), rs.getInt("failed_count"), instant(rs, "last_failure_at"),
				instant(rs, "locked_until"), instant(rs, "created_at"), instant(rs, "last_login_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}
}
