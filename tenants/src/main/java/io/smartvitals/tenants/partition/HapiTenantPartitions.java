package io.smartvitals.tenants.partition;

import ca.uhn.fhir.jpa.entity.PartitionEntity;
import ca.uhn.fhir.jpa.partition.IPartitionLookupSvc;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.smartvitals.tenants.registry.TenantId;
import io.smartvitals.tenants.registry.TenantPartitions;

/** Tenant partitions as HAPI partitions: partition name = tenant id, id chosen by HAPI. */
public class HapiTenantPartitions implements TenantPartitions {

	private final IPartitionLookupSvc partitionLookup;

	public HapiTenantPartitions(IPartitionLookupSvc partitionLookup) {
		this.partitionLookup = partitionLookup;
	}

	@Override
	public int provision(TenantId tenantId, String description) {
		try {
			return partitionLookup.getPartitionByName(tenantId.value()).getId();
		} catch (ResourceNotFoundException notYetThere) {
			PartitionEntity partition = new PartitionEntity();
			partition.setId(partitionLookup.generateRandomUnusedPartitionId());
			partition.setName(tenantId.value());
			partition.setDescription(description);
			return partitionLookup.createPartition(partition, new SystemRequestDetails()).getId();
		}
	}
}
