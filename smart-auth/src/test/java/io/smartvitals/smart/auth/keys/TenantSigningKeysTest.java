package io.smartvitals.smart.auth.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import io.smartvitals.smart.auth.support.AuthDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class TenantSigningKeysTest {

	private static final Duration LEAD = Duration.ofMinutes(10);
	private static final Duration LIFETIME = Duration.ofHours(1);
	private final AuthDatabase.MovableClock clock = new AuthDatabase.MovableClock(Instant.parse("2026-11-23T10:00:00Z"));
	private JdbcTemplate jdbc;
	private TenantSigningKeys keys;

	@BeforeEach
	void freshDatabase() {
		jdbc = AuthDatabase.fresh();
		KeyEncryptionKey kek = KeyEncryptionKey.fromBase64(KeyEncryptionKey.generateBase64());
		keys = new TenantSigningKeys(new SigningKeyRepository(jdbc, kek), clock, LEAD, LIFETIME);
	}

	@Test
	void aNewTenantGetsOneSigningKeyOnce() {
		SigningKey first = keys.ensureKey("general-hospital");
		assertThat(keys.ensureKey("general-hospital").kid()).isEqualTo(first.kid());
		assertThat(keys.signingKey("general-hospital")).hasValueSatisfying(k -> assertThat(k.kid()).isEqualTo(first.kid()));
		assertThat(keys.history("general-hospital")).hasSize(1);
	}

	@Test
	void theStoredPrivateKeyIsSealedAndTheJwksIsPublicOnly() {
		SigningKey key = keys.ensureKey("general-hospital");
		Map<String, Object> row = jdbc.queryForMap("SELECT * FROM auth_signing_key WHERE kid = ?", key.kid());
		assertThat(row.get("PRIVATE_JWK_SEALED").toString()).doesNotContain("\"d\"").doesNotContain(key.jwk().getPrivateExponent().toString());
		assertThat(row.get("PUBLIC_JWK").toString()).doesNotContain("\"d\"");
		Map<String, Object> jwks = keys.publishedKeys("general-hospital").toJSONObject(true);
		assertThat(jwks.toString()).contains(key.kid()).doesNotContain(", d=").doesNotContain(" p=").doesNotContain(" q=");
		assertThat(keys.signingKey("general-hospital").orElseThrow().jwk().isPrivate()).isTrue();
	}

	@Test
	void tenantsHaveTheirOwnKeys() {
		SigningKey a = keys.ensureKey("tenant-a");
		SigningKey b = keys.ensureKey("tenant-b");
		assertThat(a.jwk().getModulus()).isNotEqualTo(b.jwk().getModulus());
		assertThat(keys.publishedKeys("tenant-a").getKeyByKeyId(b.kid())).isNull();
		assertThat(keys.publishedKeys("unknown").getKeys()).isEmpty();
	}

	@Test
	void rotationPublishesTheSuccessorBeforeItSignsAndKeepsThePredecessorUntilItsTokensExpire() {
		SigningKey old = keys.ensureKey("t1");
		SigningKey successor = keys.rotate("t1");

		JWKSet announced = keys.publishedKeys("t1");
		assertThat(announced.getKeyByKeyId(successor.kid())).isNotNull();
		assertThat(announced.getKeyByKeyId(old.kid())).isNotNull();
		assertThat(keys.signingKey("t1").orElseThrow().kid()).isEqualTo(old.kid());

		clock.advance(LEAD);
		assertThat(keys.signingKey("t1").orElseThrow().kid()).isEqualTo(successor.kid());
		assertThat(keys.publishedKeys("t1").getKeyByKeyId(old.kid())).isNotNull();

		clock.advance(LIFETIME.minusSeconds(1));
		assertThat(keys.publishedKeys("t1").getKeyByKeyId(old.kid())).isNotNull();
		clock.advance(Duration.ofSeconds(1));
		assertThat(keys.publishedKeys("t1").getKeyByKeyId(old.kid())).isNull();
		assertThat(keys.publishedKeys("t1").getKeys()).hasSize(1);
	}

	@Test
	void rotatingTwiceInARowNeverLeavesATenantWithoutASigningKey() {
		keys.ensureKey("t1");
		keys.rotate("t1");
		keys.rotate("t1");
		for (int minute = 0; minute <= 30; minute++) {
			assertThat(keys.signingKey("t1")).as("minute %d", minute).isPresent();
			clock.advance(Duration.ofMinutes(1));
		}
	}
}
