package io.smartvitals.tenants.registry;

import java.time.Instant;

/** One provider organisation served by this deployment, bound to exactly one HAPI partition. */
public record Tenant(
		TenantId id,
		String displayName,
		TenantStatus status,
		String plan,
		int partitionId,
		Instant createdAt,
		Instant updatedAt) {

	public boolean isActive() {
		return status == TenantStatus.ACTIVE;
	}
}
