package io.smartvitals.smart.auth.login;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/** Failed sign-ins per (tenant, source) in {@code auth_login_source}, shared by every node. */
public class LoginSources {

	/** What is on record for one source. */
	public record Failures(int count, Instant lastFailureAt) {
		static final Failures NONE = new Failures(0, null);
	}

	private final JdbcTemplate jdbc;

	public LoginSources(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public Failures of(String tenant, String source) {
		List<Failures> rows = jdbc.query("SELECT failed_count, last_failure_at FROM auth_login_source WHERE tenant_id = ? AND source = ?",
				(rs, i) -> new Failures(rs.getInt(1), rs.getTimestamp(2).toInstant()), tenant, source);
		return rows.isEmpty() ? Failures.NONE : rows.get(0);
	}

	/** Counts one failure; a count whose last failure is older than {@code window} starts again. */
	public void recordFailure(String tenant, String source, Instant now, Duration window) {
		Timestamp at = Timestamp.from(now);
		Timestamp forgotten = Timestamp.from(now.minus(window));
		String update = "UPDATE auth_login_source SET failed_count = CASE WHEN last_failure_at < ? THEN 1 ELSE failed_count + 1 END,"
				+ " last_failure_at = ? WHERE tenant_id = ? AND source = ?";
		if (jdbc.update(update, forgotten, at, tenant, source) == 0) {
			try {
				jdbc.update("INSERT INTO auth_login_source (tenant_id, source, failed_count, last_failure_at) VALUES (?, ?, 1, ?)",
						tenant, source, at);
			} catch (DuplicateKeyException raced) {
				jdbc.update(update, forgotten, at, tenant, source);
			}
		}
		jdbc.update("DELETE FROM auth_login_source WHERE tenant_id = ? AND last_failure_at < ?", tenant, forgotten);
	}
}
