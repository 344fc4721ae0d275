package io.smartvitals.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.time.LocalDate;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.junit.jupiter.api.Test;

class SyntheticTenantDataTest {

	private static final IParser JSON = FhirContext.forR4Cached().newJsonParser();
	private static final LocalDate END = LocalDate.of(2026, 11, 1);

	@Test
	void theSamePatientIndexAlwaysYieldsTheSameResources() {
		Bundle first = SyntheticTenantData.patientWithVitals(3, "Organization/c1", 30, END);
		Bundle second = SyntheticTenantData.patientWithVitals(3, "Organization/c1", 30, END);
		assertThat(first.getEntry()).hasSameSizeAs(second.getEntry());
		for (int i = 0; i < first.getEntry().size(); i++) {
			String a = JSON.encodeResourceToString(first.getEntry().get(i).getResource());
			String b = JSON.encodeResourceToString(second.getEntry().get(i).getResource());
			// Only the transaction-local urn:uuid placeholders differ between runs.
			assertThat(a.replaceAll("urn:uuid:[0-9a-f-]+", "X")).isEqualTo(b.replaceAll("urn:uuid:[0-9a-f-]+", "X"));
		}
	}

	@Test
	void differentPatientsGetDifferentValues() {
		String a = JSON.encodeResourceToString(SyntheticTenantData.dailyVitals(1, "Patient/p", 1, END).get(0));
		String b = JSON.encodeResourceToString(SyntheticTenantData.dailyVitals(2, "Patient/p", 1, END).get(0));
		assertThat(a).isNotEqualTo(b);
	}

	@Test
	void thirtyDaysHoldFiveDailyVitalsWeeklyWeightBmiAndGlucoseAndOneHeight() {
		var vitals = SyntheticTenantData.dailyVitals(1, "Patient/p", 30, END);
		long weekly = 5; // days 28, 21, 14, 7, 0 before the end
		assertThat(vitals).hasSize((int) (30 * 5 + weekly * 3 + 1));
		assertThat(vitals.stream().filter(o -> o.getCategoryFirstRep().getCodingFirstRep().getCode().equals("laboratory"))).hasSize(5);
		assertThat(vitals.get(vitals.size() - 1).getEffectiveDateTimeType().getValueAsString()).startsWith("2026-11-01");
	}

	@Test
	void staffBundleHasATopOrganizationTwoClinicsAndARolePerPractitioner() {
		Bundle staff = SyntheticTenantData.organizationsAndStaff("Test Hospital");
		var organizations = staff.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
				.filter(Organization.class::isInstance).map(Organization.class::cast).toList();
		assertThat(organizations).hasSize(3);
		String topFullUrl = staff.getEntryFirstRep().getFullUrl();
		assertThat(organizations.get(0).hasPartOf()).isFalse();
		assertThat(organizations.subList(1, 3)).allSatisfy(o -> assertThat(o.getPartOf().getReference()).isEqualTo(topFullUrl));
		assertThat(staff.getEntry().stream().filter(e -> e.getResource() instanceof PractitionerRole)).hasSize(4);
	}
}
