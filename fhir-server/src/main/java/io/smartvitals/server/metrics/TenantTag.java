package io.smartvitals.server.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The {@code tenant} tag: an existing tenant's id for the first {@code max} tenants seen, "other"
 * after that, "unknown" for a path naming no tenant that exists (so random ids sprayed at the
 * server add no series), "none" outside tenant paths.
 */
public final class TenantTag {

	public static final String NONE = "none";
	public static final String UNKNOWN = "unknown";
	public static final String OTHER = "other";

	private final Predicate<String> exists;
	private final int max;
	private final Set<String> tagged = ConcurrentHashMap.newKeySet();

	public TenantTag(Predicate<String> exists, int max) {
		this.exists = exists;
		this.max = max;
	}

	public String of(String tenant) {
		if (tenant == null || tenant.isEmpty()) {
			return NONE;
		}
		if (tagged.contains(tenant)) {
			return tenant;
		}
		if (!exists.test(tenant)) {
			return UNKNOWN;
		}
		synchronized (tagged) {
			if (tagged.size() < max) {
				tagged.add(tenant);
				return tenant;
			}
		}
		return tagged.contains(tenant) ? tenant : OTHER;
	}
}
