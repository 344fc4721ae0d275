package io.smartvitals.interceptors.bulk;

import java.util.Map;

/**
 * How many exports one client may have running at once, per tenant (a tenant without an entry
 * gets the default). Beyond it a kick-off is 429 with {@code Retry-After}.
 */
public record ExportLimits(int defaultMaxConcurrent, Map<String, Integer> maxConcurrentByTenant) {

	public ExportLimits {
		if (defaultMaxConcurrent < 1) {
			throw new IllegalArgumentException("vitals.bulk.max-concurrent-per-client must be at least 1");
		}
		maxConcurrentByTenant = Map.copyOf(maxConcurrentByTenant);
	}

	public int maxConcurrent(String tenant) {
		return maxConcurrentByTenant.getOrDefault(tenant, defaultMaxConcurrent);
	}

	public void admit(String tenant, long running, long retryAfterSeconds) {
		if (running >= maxConcurrent(tenant)) {
			throw new ExportRefusal(429, "This client already has " + running + " export(s) running in this tenant (at most "
					+ maxConcurrent(tenant) + "); retry after " + retryAfterSeconds + " s or cancel one");
		}
	}
}
