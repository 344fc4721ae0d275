package io.smartvitals.smart.auth.server;

import io.smartvitals.smart.model.revocation.RevocationInstant;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Ends every token issued so far to a user, a client or a whole tenant, by moving its
 * {@code not_before} in {@code auth_revoked_principal} to now. Every node's FHIR endpoint polls the
 * table; refresh and introspection read it here ({@link TenantScopedAuthorizationService}). Which
 * changes call it is listed in docs/operate/security.md ("What revokes").
 */
public class PrincipalRevocations {

	public static final String USER = "user";
	public static final String CLIENT = "client";
	public static final String TENANT = "tenant";
	public static final String WHOLE_TENANT = "*";

	private final JdbcTemplate jdbc;
	private final Clock clock;
	/** Told the kind of each revocation (user, client, tenant): the revocations metric. */
	private final Consumer<String> revoked;

	public PrincipalRevocations(JdbcTemplate jdbc, Clock clock) {
		this(jdbc, clock, kind -> {});
	}

	public PrincipalRevocations(JdbcTemplate jdbc, Clock clock, Consumer<String> revoked) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.revoked = revoked;
	}

	public void revokeUser(String tenant, String username, String reason) {
		revoke(tenant, USER, username, reason);
	}

	public void revokeClient(String tenant, String clientId, String reason) {
		revoke(tenant, CLIENT, clientId, reason);
	}

	public void revokeTenant(String tenant, String reason) {
		revoke(tenant, TENANT, WHOLE_TENANT, reason);
	}

	private void revoke(String tenant, String kind, String principal, String reason) {
		Timestamp now = Timestamp.from(clock.instant());
		int updated = jdbc.update("update auth_revoked_principal set not_before = ?, reason = ?"
				+ " where tenant_id = ? and kind = ? and principal = ?", now, reason, tenant, kind, principal);
		if (updated == 0) {
			try {
				jdbc.update("insert into auth_revoked_principal (tenant_id, kind, principal, not_before, reason) values (?, ?, ?, ?, ?)",
						tenant, kind, principal, now, reason);
			} catch (DuplicateKeyException raced) {
				jdbc.update("update auth_revoked_principal set not_before = ?, reason = ?"
						+ " where tenant_id = ? and kind = ? and principal = ?", now, reason, tenant, kind, principal);
			}
		}
		revoked.accept(kind);
	}

	/**
	 * Whether a token issued at {@code issuedAt} to these principals was revoked since. At the same
	 * whole second as the change counts as before it, as at the FHIR API (a JWT's {@code iat} has seconds).
	 */
	public boolean revokedSince(String tenant, String clientId, String username, Instant issuedAt) {
		return after(tenant, TENANT, WHOLE_TENANT, issuedAt)
				|| (clientId != null && after(tenant, CLIENT, clientId, issuedAt))
				|| (username != null && after(tenant, USER, username, issuedAt));
	}

	private boolean after(String tenant, String kind, String principal, Instant issuedAt) {
		Optional<Instant> notBefore = jdbc.query(
				"select not_before from auth_revoked_principal where tenant_id = ? and kind = ? and principal = ?",
				(rs, n) -> rs.getTimestamp(1).toInstant(), tenant, kind, principal).stream().findFirst();
		return notBefore.isPresent()
				&& RevocationInstant.issuedNoLaterThan(issuedAt, notBefore.get());
	}
}
