package io.smartvitals.tenants.resolve;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smartvitals.tenants.registry.Tenant;
import io.smartvitals.tenants.registry.TenantId;
import io.smartvitals.tenants.registry.TenantRegistry;
import java.time.Duration;
import java.util.Optional;

/**
 * Maps the tenant segment of a URL to a {@link TenantAccess}. Lookups are cached briefly so the
 * hot path does not query the registry on every request; the TTL bounds how long another node
 * may keep serving a tenant that was just suspended.
 */
public class TenantResolver {

	private final TenantRegistry registry;
	private final Cache<TenantId, Optional<Tenant>> cache;

	public TenantResolver(TenantRegistry registry, Duration cacheTtl) {
		this.registry = registry;
		this.cache = Caffeine.newBuilder().expireAfterWrite(cacheTtl).maximumSize(10_000).build();
		registry.onChange(this::forget);
	}

	public TenantAccess resolve(String requestedTenant) {
		if (!TenantId.isWellFormed(requestedTenant)) {
			return new TenantAccess.Unknown(requestedTenant);
		}
		TenantId id = new TenantId(requestedTenant);
		Optional<Tenant> tenant = cache.get(id, registry::find);
		if (tenant.isEmpty()) {
			return new TenantAccess.Unknown(requestedTenant);
		}
		return tenant.get().isActive()
				? new TenantAccess.Granted(tenant.get())
				: new TenantAccess.Suspended(tenant.get());
	}

	/** The one "may this tenant be served" gate: it exists and is active (not suspended). */
	public boolean servable(String requestedTenant) {
		return resolve(requestedTenant) instanceof TenantAccess.Granted;
	}

	/** It exists, active or suspended (a suspended tenant's refusals still go to its own audit chain). */
	public boolean known(String requestedTenant) {
		return requestedTenant != null && !(resolve(requestedTenant) instanceof TenantAccess.Unknown);
	}

	/** A servable tenant's display name, else the id as given. */
	public String displayName(String requestedTenant) {
		return resolve(requestedTenant) instanceof TenantAccess.Granted granted ? granted.tenant().displayName() : requestedTenant;
	}

	public void forget(TenantId id) {
		cache.invalidate(id);
	}
}
