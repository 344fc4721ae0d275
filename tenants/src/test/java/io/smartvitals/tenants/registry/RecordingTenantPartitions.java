package io.smartvitals.tenants.registry;

import java.util.LinkedHashMap;
import java.util.Map;

/** Stands in for HAPI's partitions in registry unit tests; HAPI itself is exercised in fhir-server's tests. */
final class RecordingTenantPartitions implements TenantPartitions {

	final Map<String, Integer> partitions = new LinkedHashMap<>();

	@Override
	public int provision(TenantId tenantId, String description) {
		return partitions.computeIfAbsent(tenantId.value(), k -> 100 + partitions.size());
	}
}
