package io.smartvitals.interceptors.token;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The revoked access tokens of {@code auth_revoked_token}, mirrored in memory so a request never
 * waits for the database. {@link #poll()} runs every few hundred milliseconds on every node and
 * reads only rows revoked since the last poll (minus an overlap that covers transactions that
 * committed late and clocks of other nodes), so a revocation reaches every node within a second.
 */
public class RevokedAccessTokens {

	/** Rows whose revoked_at lies this far before the newest seen are read again. */
	static final Duration OVERLAP = Duration.ofSeconds(10);

	private final JdbcTemplate jdbc;
	private final Clock clock;
	private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
	private volatile Instant newestSeen;

	public RevokedAccessTokens(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public boolean isRevoked(String jti) {
		return jti != null && revoked.containsKey(jti);
	}

	/** Reads new revocations; the first call loads every row whose token has not expired yet. */
	public synchronized void poll() {
		Instant now = clock.instant();
		if (newestSeen == null) {
			jdbc.query("SELECT jti, expires_at, revoked_at FROM auth_revoked_token WHERE expires_at > ?",
					rs -> { remember(rs.getString(1), rs.getTimestamp(2), rs.getTimestamp(3)); },
					Timestamp.from(now.minus(OVERLAP)));
			if (newestSeen == null) {
				newestSeen = now.minus(OVERLAP);
			}
		} else {
			jdbc.query("SELECT jti, expires_at, revoked_at FROM auth_revoked_token WHERE revoked_at >= ?",
					rs -> { remember(rs.getString(1), rs.getTimestamp(2), rs.getTimestamp(3)); },
					Timestamp.from(newestSeen.minus(OVERLAP)));
		}
		// Expired tokens fail verification anyway; forget them (with the verifier's skew to spare).
		Instant forgetBefore = now.minus(Duration.ofMinutes(2));
		revoked.values().removeIf(expires -> expires.isBefore(forgetBefore));
	}

	private void remember(String jti, Timestamp expiresAt, Timestamp revokedAt) {
		revoked.put(jti, expiresAt.toInstant());
		Instant at = revokedAt.toInstant();
		if (newestSeen == null || at.isAfter(newestSeen)) {
			newestSeen = at;
		}
	}

	int size() {
		return revoked.size();
	}
}
