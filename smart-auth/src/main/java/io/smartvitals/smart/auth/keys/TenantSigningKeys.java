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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
	/**
	 * Each tenant's keys as read (and unsealed) at most {@link #CACHE_TTL} ago: issuing a token
	 * would otherwise cost a query and an AES-GCM unseal. Safe because a successor is published
	 * {@code publishLead} (minutes) before it signs; changes on this node clear the entry at once.
	 */
	private final Map<String, CachedKeys> cache = new ConcurrentHashMap<>();
	static final Duration CACHE_TTL = Duration.ofSeconds(5);

	private record CachedKeys(List<SigningKey> keys, Instant readAt) {}

	public TenantSigningKeys(SigningKeyRepository repository, Clock clock, Duration publishLead, Duration tokenLifetime) {
		this.repository = repository;
		this.clock = clock;
		this.publishLead = publishLead;
		this.tokenLifetime = tokenLifetime;
	}

	/** Gives a new tenant its first key, signing at once; does nothing if it has keys. */
	public synchronized SigningKey ensureKey(String tenantId) {
		cache.remove(tenantId);
		List<SigningKey> keys = repository.forTenant(tenantId);
		if (!keys.isEmpty()) {
			return keys.get(0);
		}
		Instant now = clock.instant();
		SigningKey first = new SigningKey(tenantId, generate(), now, now, null, null);
		repository.insert(first);
		cache.remove(tenantId);
		return first;
	}

	/** Publishes a successor now; it signs after {@code publishLead}, when the current key retires. */
	public synchronized SigningKey rotate(String tenantId) {
		cache.remove(tenantId);
		Instant now = clock.instant();
		Instant takeOver = now.plus(publishLead);
		for (SigningKey key : repository.forTenant(tenantId)) {
			if (key.retiredAt() == null) {
				repository.retire(key.kid(), takeOver, takeOver.plus(tokenLifetime));
			}
		}
		SigningKey successor = new SigningKey(tenantId, generate(), now, takeOver, null, null);
		repository.insert(successor);
		cache.remove(tenantId);
		return successor;
	}

	/** The key that signs now. */
	public Optional<SigningKey> signingKey(String tenantId) {
		Instant now = clock.instant();
		return keys(tenantId, now).stream().filter(k -> k.canSignAt(now)).findFirst();
	}

	/** Public keys a verifier needs now: the signing one, its announced successor, and retired ones whose tokens may live. */
	public JWKSet publishedKeys(String tenantId) {
		Instant now = clock.instant();
		List<JWK> keys = keys(tenantId, now).stream()
				.filter(k -> k.isPublishedAt(now))
				.map(k -> (JWK) k.jwk().toPublicJWK())
				.toList();
		return new JWKSet(keys);
	}

	private List<SigningKey> keys(String tenantId, Instant now) {
		CachedKeys cached = cache.get(tenantId);
		if (cached == null || !now.isBefore(cached.readAt().plus(CACHE_TTL)) || now.isBefore(cached.readAt())) {
			cached = new CachedKeys(repository.forTenant(tenantId), now);
			cache.put(tenantId, cached);
		}
		return cached.keys();
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
