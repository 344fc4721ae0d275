package io.smartvitals.interceptors.token;

import io.smartvitals.smart.model.revocation.RevocationInstant;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The principals of {@code auth_revoked_principal} (users, clients, whole tenants) with the instant
 * before which their tokens no longer count, mirrored in memory like {@link RevokedAccessTokens}
 * and polled on the same schedule. A token is refused when it was issued before the {@code not_before}
 * of its tenant, its client or its user.
 *
 * <p>A JWT's {@code iat} has whole seconds; our tokens also carry {@code iat_ms}, so the comparison is
 * exact for them. A time with only whole seconds (another issuer's token, a missing claim) counts
 * as issued before a change in the same second: this fails closed.
 */
public class RevokedPrincipals {

	static final Duration OVERLAP = RevokedAccessTokens.OVERLAP;

	public enum Kind {
		USER("user"),
		CLIENT("client"),
		TENANT("tenant");

		private final String column;

		Kind(String column) {
			this.column = column;
		}

		public String column() {
			return column;
		}

		static Kind of(String column) {
			for (Kind kind : values()) {
				if (kind.column.equals(column)) {
					return kind;
				}
			}
			return null;
		}
	}

	/** The principal of a whole tenant. */
	public static final String WHOLE_TENANT = "*";

	private final JdbcTemplate jdbc;
	private final Clock clock;
	private final Map<String, Instant> notBefore = new ConcurrentHashMap<>();
	private volatile Instant newestSeen;

	public RevokedPrincipals(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Why {@code token} no longer counts, or null when none of its principals was revoked after it was issued. */
	public String revocationOf(TokenVerdict.Valid token) {
		Instant issued = token.issuedAt();
		if (revokedAfter(token.tenant(), Kind.TENANT, WHOLE_TENANT, issued)) {
			return "tenant suspended after the token was issued";
		}
		if (token.clientId() != null && revokedAfter(token.tenant(), Kind.CLIENT, token.clientId(), issued)) {
			return "client disabled after the token was issued";
		}
		// A backend token's subject is its client; only user tokens name a user.
		boolean userToken = token.subject() != null && !token.subject().equals(token.clientId());
		if (userToken && revokedAfter(token.tenant(), Kind.USER, token.subject(), issued)) {
			return "user's access changed after the token was issued";
		}
		return null;
	}

	private boolean revokedAfter(String tenant, Kind kind, String principal, Instant issued) {
		Instant since = notBefore.get(key(tenant, kind, principal));
		if (since == null) {
			return false;
		}
		return RevocationInstant.issuedNoLaterThan(issued, since);
	}

	/** Reads changed rows; the first call reads them all (one row per principal ever revoked). */
	public synchronized void poll() {
		Instant now = clock.instant();
		if (newestSeen == null) {
			jdbc.query("SELECT tenant_id, kind, principal, not_before FROM auth_revoked_principal",
					rs -> { remember(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4)); });
			if (newestSeen == null) {
				newestSeen = now.minus(OVERLAP);
			}
		} else {
			jdbc.query("SELECT tenant_id, kind, principal, not_before FROM auth_revoked_principal WHERE not_before >= ?",
					rs -> { remember(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4)); },
					Timestamp.from(newestSeen.minus(OVERLAP)));
		}
	}

	private void remember(String tenant, String kindColumn, String principal, Timestamp at) {
		Kind kind = Kind.of(kindColumn);
		if (kind == null) {
			return;
		}
		Instant instant = at.toInstant();
		notBefore.merge(key(tenant, kind, principal), instant, (a, b) -> a.isAfter(b) ? a : b);
		if (newestSeen == null || instant.isAfter(newestSeen)) {
			newestSeen = instant;
		}
	}

	private static String key(String tenant, Kind kind, String principal) {
		return tenant + '\n' + kind.column + '\n' + principal;
	}
}
