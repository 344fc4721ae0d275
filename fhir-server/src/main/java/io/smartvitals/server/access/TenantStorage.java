package io.smartvitals.server.access;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.partition.IPartitionLookupSvc;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;

/** Unrestricted reads and searches inside one tenant's partition, for enforcement's own look-ups. */
public class TenantStorage {

	private final DaoRegistry daos;
	private final IPartitionLookupSvc partitions;

	public TenantStorage(DaoRegistry daos, IPartitionLookupSvc partitions) {
		this.daos = daos;
		this.partitions = partitions;
	}

	public Optional<IBaseResource> read(String tenant, String type, String id) {
		try {
			return Optional.of(daos.getResourceDao(type).read(new IdType(type, id), in(tenant)));
		} catch (ResourceNotFoundException | ResourceGoneException | IllegalArgumentException missing) {
			return Optional.empty();
		}
	}

	public List<IBaseResource> search(String tenant, String type, SearchParameterMap parameters) {
		parameters.setLoadSynchronous(true);
		IBundleProvider found = daos.getResourceDao(type).search(parameters, in(tenant));
		return found.getAllResources();
	}

	private SystemRequestDetails in(String tenant) {
		SystemRequestDetails request = new SystemRequestDetails();
		// Searches need the partition's id, not only its name.
		int id = partitions.getPartitionByName(tenant).getId();
		request.setRequestPartitionId(RequestPartitionId.fromPartitionIdAndName(id, tenant));
		return request;
	}
}
