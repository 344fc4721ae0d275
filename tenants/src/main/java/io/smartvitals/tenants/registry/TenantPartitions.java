package io.smartvitals.tenants.registry;

/** Storage side of a tenant: provisions the isolated partition that holds its resources. */
public interface TenantPartitions {

	/**
	 * Creates the partition named after the tenant, or returns the existing one's id when an
	 * earlier attempt already created it.
	 */
	int provision(TenantId tenantId, String description);
}
