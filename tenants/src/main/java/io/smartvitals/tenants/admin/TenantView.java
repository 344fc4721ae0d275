package io.smartvitals.tenants.admin;

import io.smartvitals.tenants.registry.Tenant;
import java.time.Instant;

/** A tenant as the admin API shows it; the partition id stays internal. */
public record TenantView(
		String id, String displayName, String status, String plan, String fhirBase, Instant createdAt,
		Instant updatedAt) {

	static TenantView of(Tenant tenant) {
		return new TenantView(
				tenant.id().value(),
				tenant.displayName(),
				tenant.status().name().toLowerCase(),
				tenant.plan(),
				"/fhir/" + tenant.id().value(),
				tenant.createdAt(),
				tenant.updatedAt());
	}
}
