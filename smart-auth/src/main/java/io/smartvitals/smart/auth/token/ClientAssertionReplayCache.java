package io.smartvitals.smart.auth.token;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Remembers every client assertion's {@code jti} until the assertion expires, in the database,
 * so a replay fails on whichever node it reaches (RFC 7523 section 3, SMART Backend Services).
 * The primary key makes "first use wins" atomic without a read-then-write race.
 */
public class ClientAssertionReplayCache {

	private final JdbcTemplate jdbc;
	private final Clock clock;

	public ClientAssertionReplayCache(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** @return false when this jti was already used by this client */
	public boolean firstUse(String tenant, String clientId, String jti, Instant expiresAt) {
		try {
			jdbc.update("insert into auth_client_assertion_jti (tenant_id, client_id, jti, expires_at) values (?, ?, ?, ?)",
					tenant, clientId, jti, Timestamp.from(expiresAt));
			return true;
		} catch (DuplicateKeyException replay) {
			return false;
		}
	}

	/** Expired entries can go: an assertion past its {@code exp} is refused before its jti is looked at. */
	public int purgeExpired() {
		return jdbc.update("delete from auth_client_assertion_jti where expires_at < ?",
				Timestamp.from(clock.instant().minusSeconds(300)));
	}
}
