package io.smartvitals.server.storage;

import java.util.function.Supplier;

/**
 * The tenant whose rows this thread's database connections may see in our tenant-keyed tables
 * (PostgreSQL row-level security, {@code V61__tenant_row_security.sql}). A request thread gets
 * the tenant its URL names for the whole request ({@link TenantRowScopeFilter}); other threads
 * (the audit chainer, export workers, sweeps, start-up) have none and run the server's own
 * fixed queries over every tenant.
 */
public final class TenantRowScope {

	private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

	private TenantRowScope() {}

	/** The tenant, or "" for a thread that is not serving a tenant's request. */
	public static String current() {
		String tenant = CURRENT.get();
		return tenant == null ? "" : tenant;
	}

	/** Runs {@code work} with this thread's connections scoped to {@code tenant}, as a request of that tenant. */
	public static <T> T within(String tenant, Supplier<T> work) {
		String outer = CURRENT.get();
		CURRENT.set(tenant);
		try {
			return work.get();
		} finally {
			if (outer == null) {
				CURRENT.remove();
			} else {
				CURRENT.set(outer);
			}
		}
	}

	static void enter(String tenant) {
		CURRENT.set(tenant);
	}

	static void leave() {
		CURRENT.remove();
	}
}
