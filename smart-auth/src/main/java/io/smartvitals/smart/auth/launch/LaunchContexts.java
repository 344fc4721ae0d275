package io.smartvitals.smart.auth.launch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Launch contexts in {@code auth_launch_context}. The opaque value (256 random bits) goes to the
 * EHR once; only its SHA-256 is stored. {@link #claim} is one conditional UPDATE, so a launch
 * is used once across all nodes, only before it expires, and only at the tenant that made it.
 */
public class LaunchContexts {

	private static final SecureRandom RANDOM = new SecureRandom();
	private final JdbcTemplate jdbc;
	private final Clock clock;
	private final Duration lifetime;
	private final LaunchEvents events;

	public LaunchContexts(JdbcTemplate jdbc, Clock clock, Duration lifetime) {
		this(jdbc, clock, lifetime, LaunchEvents.NONE);
	}

	public LaunchContexts(JdbcTemplate jdbc, Clock clock, Duration lifetime, LaunchEvents events) {
		this.events = events;
		this.jdbc = jdbc;
		this.clock = clock;
		this.lifetime = lifetime;
	}

	/** The opaque value to hand to the app, and what was stored. */
	public record Created(String value, LaunchContext context) {}

	public Duration lifetime() {
		return lifetime;
	}

	public Created create(String tenant, LaunchRequest request) {
		byte[] random = new byte[32];
		RANDOM.nextBytes(random);
		String value = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		Instant now = clock.instant();
		Instant expires = now.plus(lifetime);
		jdbc.update("INSERT INTO auth_launch_context (value_hash, tenant_id, patient_id, encounter_id, fhir_context, created_at,"
				+ " expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)", hash(value), tenant, request.patient(), request.encounter(),
				request.fhirContextJson(), Timestamp.from(now), Timestamp.from(expires));
		LaunchContext context = new LaunchContext(tenant, request.patient(), request.encounter(), request.fhirContextJson(), now,
				expires, null, null);
		events.created(context);
		return new Created(value, context);
	}

	/**
	 * Uses the launch for {@code clientId} (at the authorize step). Empty when the value is unknown,
	 * belongs to another tenant, has expired or was used before.
	 */
	public Optional<LaunchContext> claim(String tenant, String value, String clientId) {
		if (!plausible(value) || clientId == null) {
			return Optional.empty();
		}
		Timestamp now = Timestamp.from(clock.instant());
		int claimed = jdbc.update("UPDATE auth_launch_context SET used_at = ?, claimed_by_client = ?"
				+ " WHERE value_hash = ? AND tenant_id = ? AND used_at IS NULL AND expires_at > ?",
				now, clientId, hash(value), tenant, now);
		return claimed == 1 ? find(tenant, value) : Optional.empty();
	}

	/** The launch as stored, used or not (for the token step and for diagnostics); never another tenant's. */
	public Optional<LaunchContext> find(String tenant, String value) {
		if (!plausible(value)) {
			return Optional.empty();
		}
		return jdbc.query("SELECT * FROM auth_launch_context WHERE value_hash = ? AND tenant_id = ?", LaunchContexts::toContext,
				hash(value), tenant).stream().findFirst();
	}

	/** The context a client claimed earlier (token step after authorize); empty for any other client. */
	public Optional<LaunchContext> claimedBy(String tenant, String value, String clientId) {
		return find(tenant, value).filter(c -> c.usedAt() != null && clientId != null && clientId.equals(c.claimedByClient()));
	}

	/**
	 * Whether the client that claimed the launch may send its authorization request again (it comes
	 * back after login, MFA): only while the launch is unexpired and no approval has used it.
	 */
	public boolean readmits(String tenant, String value, String clientId) {
		if (!plausible(value) || clientId == null) {
			return false;
		}
		Integer open = jdbc.queryForObject("SELECT COUNT(*) FROM auth_launch_context WHERE value_hash = ? AND tenant_id = ?"
				+ " AND claimed_by_client = ? AND code_issued_at IS NULL AND expires_at > ?", Integer.class,
				hash(value), tenant, clientId, Timestamp.from(clock.instant()));
		return open != null && open == 1;
	}

	/**
	 * Uses the launch up at the approval that leads to a code: one conditional UPDATE, so of two
	 * approvals racing for one launch only one wins. False when the launch is not this client's,
	 * expired, or was used up before.
	 */
	public boolean useForCode(String tenant, String value, String clientId) {
		if (!plausible(value) || clientId == null) {
			return false;
		}
		Timestamp now = Timestamp.from(clock.instant());
		return jdbc.update("UPDATE auth_launch_context SET code_issued_at = ? WHERE value_hash = ? AND tenant_id = ?"
				+ " AND claimed_by_client = ? AND code_issued_at IS NULL AND expires_at > ?", now, hash(value), tenant, clientId, now) == 1;
	}

	/** Deletes launches that expired before {@code before}; nothing needs them after their codes expired. */
	public int purgeExpired(Instant before) {
		return jdbc.update("DELETE FROM auth_launch_context WHERE expires_at < ?", Timestamp.from(before));
	}

	static String hash(String value) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static boolean plausible(String value) {
		return value != null && !value.isEmpty() && value.length() <= 200;
	}

	private static LaunchContext toContext(ResultSet rs, int row) throws SQLException {
		return new LaunchContext(rs.getString("tenant_id"), rs.getString("patient_id"), rs.getString("encounter_id"),
				rs.getString("fhir_context"), instant(rs, "created_at"), instant(rs, "expires_at"), instant(rs, "used_at"),
				rs.getString("claimed_by_client"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}
}
