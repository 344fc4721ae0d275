package io.smartvitals.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.smartvitals.server.ServerOverHttp;
import io.smartvitals.tenants.registry.TenantId;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The demo population lands in its tenant with the organization hierarchy the access rules will use. */
class TenantPopulationLoaderIT extends ServerOverHttp {

	@Autowired
	TenantPopulationLoader loader;

	@Test
	void populationHasHierarchyPatientsSplitBetweenClinicsAndTheirVitals() throws Exception {
		String tenant = createTenant(uniqueTenantId("pop"));
		LocalDate end = LocalDate.of(2026, 11, 1);
		int written = loader.load(new TenantId(tenant), "Pop Hospital", 4, 3, end).allResources().size();
		IGenericClient fhir = client(tenant);

		List<Organization> organizations = resources(fhir.search().byUrl("Organization?_count=50").returnBundle(Bundle.class).execute(), Organization.class);
		assertThat(organizations).hasSize(3);
		Organization top = organizations.stream().filter(o -> !o.hasPartOf()).findFirst().orElseThrow();
		String topRef = "Organization/" + top.getIdElement().getIdPart();
		List<Organization> clinics = organizations.stream().filter(Organization::hasPartOf).toList();
		assertThat(clinics).hasSize(2).allSatisfy(c -> assertThat(c.getPartOf().getReference()).isEqualTo(topRef));

		List<Patient> patients = resources(fhir.search().byUrl("Patient?_count=50").returnBundle(Bundle.class).execute(), Patient.class);
		assertThat(patients).hasSize(4);
		Map<String, Long> perClinic = patients.stream()
				.collect(Collectors.groupingBy(p -> p.getManagingOrganization().getReference(), Collectors.counting()));
		assertThat(perClinic).hasSize(2).containsValues(2L, 2L);
		assertThat(perClinic.keySet()).allSatisfy(ref -> assertThat(clinics.stream().map(c -> "Organization/" + c.getIdElement().getIdPart())).contains(ref));

		assertThat(fhir.search().byUrl("PractitionerRole?_summary=count").returnBundle(Bundle.class).execute().getTotal()).isEqualTo(4);
		int perPatient = SyntheticTenantData.dailyVitals(1, "Patient/x", 3, end).size();
		assertThat(fhir.search().byUrl("Observation?_summary=count").returnBundle(Bundle.class).execute().getTotal())
				.isEqualTo(4 * perPatient);
		assertThat(written).isEqualTo(3 + 4 + 4 + 4 + 4 * perPatient);
	}

	private static <T> List<T> resources(Bundle bundle, Class<T> type) {
		return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance).map(type::cast).toList();
	}
}
