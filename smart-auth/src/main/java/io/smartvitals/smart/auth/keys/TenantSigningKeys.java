package io.smartvitals.smart.auth.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A tenant's signing keys over time. Rotation publishes the successor {@code publishLead} before
 * it signs (longer than any JWKS cache), and keeps the predecessor published for
 * {@code tokenLifetime} after it stops signing, so no valid token ever meets an unknown kid.
 */
public class TenantSigningKeys {

	private final SigningKeyRepository repository;
	private final Clock clock;
	private final Duration publishLead;
	private final Duration tokenLifetime;

	public TenantSigningKeys(SigningKeyRepository repository, Clock clock, Duration publishLead, Duration tokenLifetime) {
		this.repository = repository;
		this.clock = clock;
		this.publishLead = publishLead;
		this.tokenLifetime = tokenLifetime;
	}

	/** Gives a new tenant its first key, signing at once; does nothing if it has keys. */
	public synchronized SigningKey ensureKey(String tenantId) {
		List<SigningKey> keys = repository.forTenant(tenantId);
		if (!keys.isEmpty()) {
			return keys.get(0);
		}
		Instant now = clock.instant();
		SigningKey first = new SigningKey(tenantId, generate(), now, now, null, null);
		repository.insert(first);
		return first;
	}

	/** Publishes a successor now; it signs after {@code publishLead}, when the current key retires. */
	public synchronized SigningKey rotate(String tenantId) {
		Instant now = clock.instant();
		Instant takeOver = now.plus(publishLead);
		for (SigningKey key : repository.forTenant(tenantId)) {
			if (key.retiredAt() == null) {
				repository.retire(key.kid(), takeOver, takeOver.plus(tokenLifetime));
			}
		}
		SigningKey successor = new SigningKey(tenantId, generate(), now, takeOver, null, null);
		repository.insert(successor);
		return successor;
	}

	/** The key that signs now. */
	public Optional<SigningKey> signingKey(String tenantId) {
		Instant now = clock.instant();
		return repository.forTenant(tenantId).stream().filter(k -> k.canSignAt(now)).findFirst();
	}

	/** Public keys a verifier needs now: the signing one, its announced successor, and retired ones whose tokens may live. */
	public JWKSet publishedKeys(String tenantId) {
		Instant now = clock.instant();
		List<JWK> keys = repository.forTenant(tenantId).stream()
				.filter(k -> k.isPublishedAt(now))
				.map(k -> (JWK) k.jwk().toPublicJWK())
				.toList();
		return new JWKSet(keys);
	}

	public List<SigningKey> history(String tenantId) {
		return repository.forTenant(tenantId);
	}

	private static RSAKey generate() {
		try {
			return new RSAKeyGenerator(2048)
					.keyID(UUID.randomUUID().toString())
					.algorithm(JWSAlgorithm.RS256)
					.keyUse(KeyUse.SIGNATURE)
					.generate();
		} catch (JOSEException e) {
			throw new IllegalStateException("Cannot generate an RSA key", e);
		}
	}
}
