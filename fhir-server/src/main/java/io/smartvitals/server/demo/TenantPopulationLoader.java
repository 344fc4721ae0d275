package io.smartvitals.server.demo;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import io.smartvitals.tenants.registry.TenantId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Writes a {@link SyntheticTenantData} population into one tenant's partition through HAPI's
 * system DAO, so the same validation and storage rules apply as for API writes.
 */
public class TenantPopulationLoader {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TenantPopulationLoader.class);

	private final IFhirSystemDao<Bundle, ?> systemDao;

	public TenantPopulationLoader(IFhirSystemDao<Bundle, ?> systemDao) {
		this.systemDao = systemDao;
	}

	/** @return the number of resources written */
	public int load(TenantId tenant, String displayName, int patients, int days, LocalDate endDay) {
		SystemRequestDetails request = inPartition(tenant);
		Bundle staff = systemDao.transaction(request, SyntheticTenantData.organizationsAndStaff(displayName));
		List<String> clinics = new ArrayList<>();
		for (Bundle.BundleEntryComponent entry : staff.getEntry()) {
			String location = entry.getResponse().getLocation();
			if (location.startsWith("Organization/") && clinics.size() < 3) {
				clinics.add(location.replaceFirst("/_history/.*", ""));
			}
		}
		// First Organization is the top one; patients belong to the two clinics below it.
		List<String> subOrganizations = clinics.subList(1, clinics.size());
		int written = staff.getEntry().size();
		for (int i = 1; i <= patients; i++) {
			String clinic = subOrganizations.get((i - 1) % subOrganizations.size());
			Bundle result = systemDao.transaction(
					inPartition(tenant), SyntheticTenantData.patientWithVitals(i, clinic, days, endDay));
			written += result.getEntry().size();
			log.debug("Tenant {}: patient {} of {} loaded", tenant, i, patients);
		}
		return written;
	}

	private static SystemRequestDetails inPartition(TenantId tenant) {
		SystemRequestDetails request = new SystemRequestDetails();
		request.setRequestPartitionId(RequestPartitionId.fromPartitionName(tenant.value()));
		return request;
	}
}
