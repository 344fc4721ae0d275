package io.smartvitals.tenants.resolve;

import io.smartvitals.tenants.registry.Tenant;

/** What a request may do with the tenant it names. */
public sealed interface TenantAccess {

	/** The tenant exists and is active. */
	record Granted(Tenant tenant) implements TenantAccess {}

	/** No such tenant, or a malformed id; indistinguishable on purpose. */
	record Unknown(String requested) implements TenantAccess {}

	/** The tenant exists but an operator suspended it. */
	record Suspended(Tenant tenant) implements TenantAccess {}
}
