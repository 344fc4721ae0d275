package io.smartvitals.smart.auth.keys;

import com.nimbusds.jose.jwk.RSAKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Rows of {@code auth_signing_key}; private JWKs are sealed on the way in and opened on the way out. */
public class SigningKeyRepository {

	private final JdbcTemplate jdbc;
	private final KeyEncryptionKey kek;

	public SigningKeyRepository(JdbcTemplate jdbc, KeyEncryptionKey kek) {
		this.jdbc = jdbc;
		this.kek = kek;
	}

	public void insert(SigningKey key) {
		jdbc.update(
				"INSERT INTO auth_signing_key (kid, tenant_id, algorithm, public_jwk, private_jwk_sealed, created_at, signs_from)"
						+ " VALUES (?, ?, ?, ?, ?, ?, ?)",
				key.kid(), key.tenantId(), "RS256", key.jwk().toPublicJWK().toJSONString(),
				kek.seal(key.jwk().toJSONString(), key.kid()), Timestamp.from(key.createdAt()), Timestamp.from(key.signsFrom()));
	}

	/** A tenant's keys, newest first. */
	public List<SigningKey> forTenant(String tenantId) {
		return jdbc.query("SELECT * FROM auth_signing_key WHERE tenant_id = ? ORDER BY signs_from DESC, created_at DESC",
				this::toKey, tenantId);
	}

	public void retire(String kid, Instant at, Instant publishedUntil) {
		jdbc.update("UPDATE auth_signing_key SET retired_at = ?, published_until = ? WHERE kid = ? AND retired_at IS NULL",
				Timestamp.from(at), Timestamp.from(publishedUntil), kid);
	}

	private SigningKey toKey(ResultSet rs, int row) throws SQLException {
		String kid = rs.getString("kid");
		try {
			RSAKey jwk = RSAKey.parse(kek.open(rs.getString("private_jwk_sealed"), kid));
			return new SigningKey(rs.getString("tenant_id"), jwk, instant(rs, "created_at"), instant(rs, "signs_from"),
					instant(rs, "retired_at"), instant(rs, "published_until"));
		} catch (ParseException e) {
			throw new IllegalStateException("Stored signing key " + kid + " is not a JWK", e);
		}
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}
}
