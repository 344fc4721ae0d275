package io.smartvitals.smart.auth.server;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes revoked access-token ids to {@code auth_revoked_token}, the table every node's FHIR
 * endpoint watches. Access tokens are self-contained JWTs, so this list is the only way one stops
 * working before it expires.
 */
public class AccessTokenRevocations {

	private final JdbcTemplate jdbc;
	private final Clock clock;

	public AccessTokenRevocations(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public void revoke(String tenant, String jti, Instant expiresAt) {
		if (jti == null || expiresAt == null || !expiresAt.isAfter(clock.instant())) {
			return; // nothing to revoke, or expired already
		}
		try {
			jdbc.update("insert into auth_revoked_token (jti, tenant_id, expires_at, revoked_at) values (?, ?, ?, ?)",
					jti, tenant, Timestamp.from(expiresAt), Timestamp.from(clock.instant()));
		} catch (DuplicateKeyException alreadyRevoked) {
			// idempotent
		}
	}

	public boolean isRevoked(String jti) {
		Integer n = jdbc.queryForObject("select count(*) from auth_revoked_token where jti = ?", Integer.class, jti);
		return n != null && n > 0;
	}

	public int purgeExpired() {
		return jdbc.update("delete from auth_revoked_token where expires_at < ?", Timestamp.from(clock.instant()));
	}
}
