package io.smartvitals.tenants.registry;

/** Whether a tenant may be served. A suspended tenant keeps its data but answers 403. */
public enum TenantStatus {
	ACTIVE,
	SUSPENDED
}
