package io.smartvitals.server.bulk;

import ca.uhn.fhir.batch2.api.IJobInstance;
import ca.uhn.fhir.batch2.model.JobInstance;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.partition.IPartitionLookupSvc;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.bulk.BulkExportJobParameters;
import ca.uhn.fhir.util.Batch2JobDefinitionConstants;
import io.smartvitals.interceptors.bulk.ExportJobData;
import io.smartvitals.interceptors.bulk.ExportOwner;

/**
 * Puts every step of an export job into its tenant's partition. HAPI's steps run outside any
 * HTTP request and build their own request details; with URL-based tenants nothing would tell
 * them the partition (HAPI's {@code RequestTenantPartitionInterceptor} is registered on the
 * RestfulServer only, as it must refuse tenant-less REST requests). The job's owner, stored in
 * its parameters at kick-off, names the tenant, so reads and the output Binaries stay inside it:
 * one tenant partition at a time.
 */
@Interceptor
public class ExportJobTenancy {

	private final IPartitionLookupSvc partitions;

	public ExportJobTenancy(IPartitionLookupSvc partitions) {
		this.partitions = partitions;
	}

	@Hook(Pointcut.STORAGE_BATCH_TASK_NEW_REQUEST_DETAILS)
	public void inTenantPartition(RequestDetails request, IJobInstance instance) {
		if (!(instance instanceof JobInstance job) || !Batch2JobDefinitionConstants.BULK_EXPORT.equals(job.getJobDefinitionId())
				|| !(request instanceof SystemRequestDetails system)) {
			return;
		}
		ExportOwner owner = ExportJobData.owner(job.getParameters(BulkExportJobParameters.class));
		if (owner == null) {
			return;
		}
		int id = partitions.getPartitionByName(owner.tenant()).getId();
		system.setTenantId(owner.tenant());
		system.setRequestPartitionId(RequestPartitionId.fromPartitionIdAndName(id, owner.tenant()));
	}
}
