package io.smartvitals.server.health;

import io.smartvitals.smart.auth.keys.TenantSigningKeys;
import io.smartvitals.tenants.registry.Tenant;
import io.smartvitals.tenants.registry.TenantRegistry;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Every active tenant has a key that signs now and that this node can unseal: a node started with
 * another key-encryption key than its peers could issue no token, so it must not take traffic.
 */
public class SigningKeysHealth extends AbstractHealthIndicator {

	private final TenantRegistry tenants;
	private final TenantSigningKeys keys;

	public SigningKeysHealth(TenantRegistry tenants, TenantSigningKeys keys) {
		this.tenants = tenants;
		this.keys = keys;
	}

	@Override
	protected void doHealthCheck(Health.Builder health) {
		List<String> unusable = new ArrayList<>();
		int active = 0;
		for (Tenant tenant : tenants.list()) {
			if (!tenant.isActive()) {
				continue;
			}
			active++;
			String id = tenant.id().value();
			try {
				if (keys.signingKey(id).isEmpty()) {
					unusable.add(id);
				}
			} catch (RuntimeException unsealable) {
				unusable.add(id);
			}
		}
		(unusable.isEmpty() ? health.up() : health.down()).withDetail("activeTenants", active).withDetail("tenantsWithoutUsableKey", unusable);
	}
}
