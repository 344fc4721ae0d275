package io.smartvitals.server.vitals;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import io.smartvitals.server.ServerOverHttp;
import io.smartvitals.server.demo.SyntheticTenantData;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The searches vitals clients use, over HTTP, against two patients with ten days of vitals each. */
class VitalsSearchIT extends ServerOverHttp {

	private static final LocalDate END = LocalDate.of(2026, 10, 10);
	private static final int DAYS = 10;
	private static String tenant;
	private static String patientOne;
	private static String patientTwo;
	private IGenericClient fhir;

	@BeforeEach
	void twoPatientsWithVitals() throws Exception {
		if (tenant == null) {
			tenant = createTenant(uniqueTenantId("srch"));
			IGenericClient loader = client(tenant);
			patientOne = patientIdOf(loader.transaction().withBundle(SyntheticTenantData.patientWithVitals(1, null, DAYS, END)).execute());
			patientTwo = patientIdOf(loader.transaction().withBundle(SyntheticTenantData.patientWithVitals(2, null, DAYS, END)).execute());
		}
		fhir = client(tenant);
	}

	private static String patientIdOf(Bundle response) {
		return response.getEntry().get(0).getResponse().getLocation().replaceFirst("/_history/.*", "");
	}

	/** What the generator writes per patient: 5 vitals a day, weight+BMI weekly, height once. */
	private static int expectedVitals() {
		return SyntheticTenantData.dailyVitals(1, "Patient/x", DAYS, END).stream()
				.filter(o -> o.getCategoryFirstRep().getCodingFirstRep().getCode().equals("vital-signs"))
				.toList().size();
	}

	@Test
	void patientAndCategorySearchReturnsOnlyThatPatientsVitals() {
		List<Observation> found = all(fhir.search().byUrl("Observation?patient=" + patientOne + "&category=vital-signs&_count=50")
				.returnBundle(Bundle.class).execute());
		assertThat(found).hasSize(expectedVitals());
		assertThat(found).allSatisfy(o -> {
			assertThat(o.getSubject().getReference()).isEqualTo(patientOne);
			assertThat(o.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("vital-signs");
		});
	}

	@Test
	void codeSearchNarrowsToOneVitalSign() {
		Bundle heartRates = fhir.search().byUrl("Observation?patient=" + patientOne
				+ "&category=vital-signs&code=http://loinc.org|8867-4&_count=100").returnBundle(Bundle.class).execute();
		assertThat(all(heartRates)).hasSize(DAYS)
				.allSatisfy(o -> assertThat(o.getCode().getCodingFirstRep().getCode()).isEqualTo("8867-4"));
	}

	@Test
	void dateRangeSearchKeepsTheHalfOpenInterval() {
		Bundle lastThreeDays = fhir.search().byUrl("Observation?patient=" + patientOne
				+ "&code=http://loinc.org|8867-4&date=ge2026-10-08&date=lt2026-10-11").returnBundle(Bundle.class).execute();
		assertThat(all(lastThreeDays)).hasSize(3);
	}

	@Test
	void sortByDateDescendingPutsTheNewestFirstAcrossPages() {
		Bundle page = fhir.search().byUrl("Observation?patient=" + patientOne + "&code=http://loinc.org|8867-4&_sort=-date&_count=4")
				.returnBundle(Bundle.class).execute();
		List<Observation> observations = all(page);
		assertThat(observations).hasSize(DAYS);
		List<Date> dates = observations.stream().map(o -> o.getEffectiveDateTimeType().getValue()).toList();
		for (int i = 1; i < dates.size(); i++) {
			assertThat(dates.get(i)).isBefore(dates.get(i - 1));
		}
	}

	@Test
	void countPagingVisitsEveryResultExactlyOnce() {
		Bundle first = fhir.search().byUrl("Observation?patient=" + patientTwo + "&category=vital-signs&_count=7")
				.returnBundle(Bundle.class).execute();
		assertThat(first.getEntry()).hasSize(7);
		assertThat(first.getLink("next")).isNotNull();
		List<Observation> observations = all(first);
		Set<String> ids = new HashSet<>();
		observations.forEach(o -> ids.add(o.getIdElement().getIdPart()));
		assertThat(ids).hasSize(expectedVitals()).hasSameSizeAs(observations);
	}

	@Test
	void lastUpdatedSearchFindsFreshWritesOnly() {
		Bundle recent = fhir.search().byUrl("Observation?patient=" + patientOne + "&_lastUpdated=gt2020-01-01&_summary=count")
				.returnBundle(Bundle.class).execute();
		assertThat(recent.getTotal()).isGreaterThanOrEqualTo(expectedVitals());
		Bundle future = fhir.search().byUrl("Observation?patient=" + patientOne + "&_lastUpdated=gt2999-01-01&_summary=count")
				.returnBundle(Bundle.class).execute();
		assertThat(future.getTotal()).isZero();
	}

	@Test
	void includePatientAddsTheSubjectOnce() {
		Bundle bundle = fhir.search().byUrl("Observation?patient=" + patientOne + "&category=vital-signs&_include=Observation:patient&_count=5")
				.returnBundle(Bundle.class).execute();
		List<Bundle.BundleEntryComponent> included = bundle.getEntry().stream()
				.filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.INCLUDE).toList();
		assertThat(included).hasSize(1);
		assertThat(included.get(0).getResource().getIdElement().toUnqualifiedVersionless().getValue()).isEqualTo(patientOne);
	}

	@Test
	void patientIdentifierSearchFindsTheMrn() {
		Bundle bundle = fhir.search().forResource(Patient.class)
				.where(new TokenClientParam("identifier").exactly().systemAndCode(SyntheticTenantData.MRN_SYSTEM, "MRN-00002"))
				.returnBundle(Bundle.class).execute();
		assertThat(bundle.getEntry()).hasSize(1);
		assertThat(bundle.getEntryFirstRep().getResource().getIdElement().toUnqualifiedVersionless().getValue()).isEqualTo(patientTwo);
	}

	@Test
	void revincludeBringsThePatientsObservations() {
		Bundle bundle = fhir.search().byUrl("Patient?identifier=MRN-00001&_revinclude=Observation:subject&_count=500")
				.returnBundle(Bundle.class).execute();
		long observations = bundle.getEntry().stream().filter(e -> e.getResource() instanceof Observation).count();
		assertThat(bundle.getEntry().stream().filter(e -> e.getResource() instanceof Patient).count()).isEqualTo(1);
		int all = SyntheticTenantData.dailyVitals(1, "Patient/x", DAYS, END).size();
		assertThat(observations).isEqualTo(all);
	}

	private List<Observation> all(Bundle page) {
		List<Observation> observations = new ArrayList<>();
		Bundle current = page;
		while (true) {
			current.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
					.filter(Observation.class::isInstance).map(Observation.class::cast).forEach(observations::add);
			if (current.getLink("next") == null) {
				return observations;
			}
			current = fhir.loadPage().next(current).execute();
		}
	}
}
