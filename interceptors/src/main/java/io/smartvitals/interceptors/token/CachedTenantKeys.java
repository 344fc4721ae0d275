package io.smartvitals.interceptors.token;

import com.nimbusds.jose.jwk.JWKSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tenant's published keys, fetched at most once per {@code ttl} per tenant, so verifying a
 * token costs no database round-trip. The TTL can be short: a rotated-in key is published long
 * before it signs (key-publish-lead, 10 min by default), so every node has it before any token
 * it signed arrives.
 */
public class CachedTenantKeys implements TenantKeySource {

	private record Entry(JWKSet keys, Instant fetchedAt) {}

	private final TenantKeySource source;
	private final Clock clock;
	private final Duration ttl;
	private final Map<String, Entry> cache = new ConcurrentHashMap<>();

	public CachedTenantKeys(TenantKeySource source, Clock clock, Duration ttl) {
		this.source = source;
		this.clock = clock;
		this.ttl = ttl;
	}

	@Override
	public JWKSet publishedKeys(String tenantId) {
		Instant now = clock.instant();
		Entry entry = cache.get(tenantId);
		if (entry == null || !now.isBefore(entry.fetchedAt().plus(ttl))) {
			entry = new Entry(source.publishedKeys(tenantId), now);
			cache.put(tenantId, entry);
		}
		return entry.keys();
	}
}
