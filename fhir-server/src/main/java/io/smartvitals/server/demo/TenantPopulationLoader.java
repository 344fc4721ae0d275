package io.smartvitals.server.demo;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import io.smartvitals.tenants.registry.TenantId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Writes a {@link SyntheticTenantData} population as transactions. In the server it goes through
 * HAPI's system DAO into one tenant's partition (same validation and storage rules as API
 * writes); a client can pass its own transaction call to load a tenant over HTTP.
 */
public class TenantPopulationLoader {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TenantPopulationLoader.class);

	/** What was written: versionless ids such as {@code Patient/123}, in creation order. */
	public record Population(List<String> organizations, List<String> patients, Set<String> allResources) {}

	private final IFhirSystemDao<Bundle, ?> systemDao;

	public TenantPopulationLoader(IFhirSystemDao<Bundle, ?> systemDao) {
		this.systemDao = systemDao;
	}

	public Population load(TenantId tenant, String displayName, int patients, int days, LocalDate endDay) {
		return load(bundle -> systemDao.transaction(inPartition(tenant), bundle), displayName, patients, days, endDay);
	}

	/** Loads through any transaction executor, e.g. a FHIR client's {@code transaction()}. */
	public static Population load(
			UnaryOperator<Bundle> transact, String displayName, int patients, int days, LocalDate endDay) {
		Set<String> all = new LinkedHashSet<>();
		List<String> organizations = new ArrayList<>();
		for (String id : locations(transact.apply(SyntheticTenantData.organizationsAndStaff(displayName)))) {
			all.add(id);
			if (id.startsWith("Organization/")) {
				organizations.add(id);
			}
		}
		// The first Organization is the top one; patients belong to the two clinics below it.
		List<String> clinics = organizations.subList(1, organizations.size());
		List<String> patientIds = new ArrayList<>();
		for (int i = 1; i <= patients; i++) {
			String clinic = clinics.get((i - 1) % clinics.size());
			List<String> written = locations(transact.apply(SyntheticTenantData.patientWithVitals(i, clinic, days, endDay)));
			patientIds.add(written.get(0));
			all.addAll(written);
			log.debug("Patient {} of {} loaded", i, patients);
		}
		return new Population(List.copyOf(organizations), List.copyOf(patientIds), all);
	}

	private static List<String> locations(Bundle transactionResponse) {
		return transactionResponse.getEntry().stream()
				.map(e -> e.getResponse().getLocation().replaceFirst("/_history/.*", ""))
				.toList();
	}

	private static SystemRequestDetails inPartition(TenantId tenant) {
		SystemRequestDetails request = new SystemRequestDetails();
		request.setRequestPartitionId(RequestPartitionId.fromPartitionName(tenant.value()));
		return request;
	}
}
