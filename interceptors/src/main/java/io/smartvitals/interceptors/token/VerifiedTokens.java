package io.smartvitals.interceptors.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.jwk.JWK;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Verdicts of access tokens already verified, so a client's next request with the same token costs
 * a hash and a lookup instead of a signature check. Keyed by tenant and the token's SHA-256 (the
 * cache holds no tokens), bounded by size. A hit still counts only while the token is unexpired
 * (same clock skew), for the same issuer and audience, and while the tenant still publishes the very
 * key object it was verified with: a retired or rotated key ends its tokens' hits at the next key
 * refresh. Revocation is not cached here: callers check it on every request, hit or miss. Only
 * valid verdicts are kept, so refused tokens cannot crowd out good ones.
 */
final class VerifiedTokens {

	private record Seen(String tenant, ByteBuffer digest) {}

	private record Entry(TokenVerdict.Valid verdict, String issuer, String audience, String kid, JWK key) {}

	private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
		try {
			return MessageDigest.getInstance("SHA-256");
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	});

	private final Cache<Seen, Entry> cache;
	private final TenantKeySource keys;
	private final Duration clockSkew;

	/** @param maxEntries 0 turns the cache off (every request verifies the signature) */
	VerifiedTokens(int maxEntries, TenantKeySource keys, Duration clockSkew) {
		this.cache = maxEntries <= 0 ? null : Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(Duration.ofMinutes(10))
				// Maintenance on the calling thread: handing it to the common pool cost more than it does on 2 cores.
				.executor(Runnable::run).build();
		this.keys = keys;
		this.clockSkew = clockSkew;
	}

	Optional<TokenVerdict.Valid> find(String token, String tenant, String issuer, String audience, Instant now) {
		if (cache == null) {
			return Optional.empty();
		}
		Seen seen = seen(token, tenant);
		Entry entry = cache.getIfPresent(seen);
		if (entry == null) {
			return Optional.empty();
		}
		if (!entry.issuer().equals(issuer) || !entry.audience().equals(audience)) {
			return Optional.empty();
		}
		if (!now.isBefore(entry.verdict().expiresAt().plus(clockSkew)) || keys.publishedKeys(tenant).getKeyByKeyId(entry.kid()) != entry.key()) {
			cache.invalidate(seen);
			return Optional.empty();
		}
		return Optional.of(entry.verdict());
	}

	/** Remembers a token that passed every check, with the key object that verified it. */
	void remember(String token, String issuer, String audience, String kid, TokenVerdict.Valid verdict) {
		if (cache == null || kid == null) {
			return;
		}
		JWK key = keys.publishedKeys(verdict.tenant()).getKeyByKeyId(kid);
		if (key != null) {
			cache.put(seen(token, verdict.tenant()), new Entry(verdict, issuer, audience, kid, key));
		}
	}

	private static Seen seen(String token, String tenant) {
		return new Seen(tenant, ByteBuffer.wrap(SHA_256.get().digest(token.getBytes(StandardCharsets.UTF_8))));
	}
}
