package io.smartvitals.interceptors.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartvitals.smart.model.scope.ScopeParser;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExportGrantTest {

	private static final Set<String> TYPES = Set.of("Group", "Observation", "Patient");
	private static final String VITALS = "system/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs";

	private static ExportRequest asking(List<String> types, List<String> filters) {
		return new ExportRequest(ExportLevel.SYSTEM, null, types, null, filters, List.of(), List.of());
	}

	private static int statusOf(Runnable call) {
		try {
			call.run();
		} catch (ExportRefusal refusal) {
			return refusal.status();
		}
		return 200;
	}

	@Test
	void typesDefaultToThoseTheSystemScopesGrant() {
		ExportGrant grant = ExportGrant.decide(ScopeParser.parse("system/Patient.rs system/Observation.read"), asking(List.of(), List.of()), TYPES);
		assertThat(grant.types()).containsExactly("Observation", "Patient");
		assertThat(grant.typeFilters()).isEmpty();
	}

	@Test
	void aTypeNotGrantedIs403NamingIt() {
		assertThatThrownBy(() -> ExportGrant.decide(ScopeParser.parse("system/Observation.rs"), asking(List.of("Patient"), List.of()), TYPES))
				.isInstanceOf(ExportRefusal.class).hasMessageContaining("Patient");
		assertThat(statusOf(() -> ExportGrant.decide(ScopeParser.parse("system/Observation.rs"), asking(List.of("Patient"), List.of()), TYPES))).isEqualTo(403);
	}

	@Test
	void patientAndUserScopesCannotExport() {
		assertThat(statusOf(() -> ExportGrant.decide(ScopeParser.parse("patient/*.rs"), asking(List.of(), List.of()), TYPES))).isEqualTo(403);
		assertThat(statusOf(() -> ExportGrant.decide(ScopeParser.parse("user/*.rs"), asking(List.of(), List.of()), TYPES))).isEqualTo(403);
	}

	@Test
	void granularScopeBecomesTheTypeFilter() {
		ExportGrant grant = ExportGrant.decide(ScopeParser.parse(VITALS), asking(List.of(), List.of()), TYPES);
		assertThat(grant.types()).containsExactly("Observation");
		assertThat(grant.typeFilters()).containsExactly(
				"Observation?category=http%3A%2F%2Fterminology.hl7.org%2FCodeSystem%2Fobservation-category%7Cvital-signs");
		assertThat(grant.postFetchFilters()).isEmpty();
	}

	@Test
	void clientFilterOnAGranularTypeIsAndedWithTheScopeQuery() {
		ExportGrant grant = ExportGrant.decide(ScopeParser.parse(VITALS), asking(List.of(), List.of("Observation?code=x")), TYPES);
		assertThat(grant.typeFilters()).containsExactly("Observation?code=x");
		assertThat(grant.postFetchFilters()).hasSize(1).allMatch(f -> f.startsWith("Observation?category="));
	}

	@Test
	void filterForATypeNotExportedIsRefused() {
		assertThat(statusOf(() -> ExportGrant.decide(ScopeParser.parse("system/Observation.rs system/Patient.rs"),
				asking(List.of("Observation"), List.of("Patient?gender=male")), TYPES))).isEqualTo(400);
		assertThat(statusOf(() -> ExportGrant.decide(ScopeParser.parse("system/Observation.rs"),
				asking(List.of(), List.of("Patient?gender=male")), TYPES))).isEqualTo(403);
	}

	@Test
	void aTypeFilterReachesNoFurtherThanTheSameSearch() {
		var partly = ScopeParser.parse("system/Patient.rs " + VITALS);
		String has = "Patient?_has:Observation:patient:code=8867-4";
		assertThat(statusOf(() -> ExportGrant.decide(partly, asking(List.of("Patient"), List.of(has)), TYPES))).isEqualTo(403);
		var whole = ScopeParser.parse("system/Patient.rs system/Observation.rs");
		assertThat(statusOf(() -> ExportGrant.decide(whole, asking(List.of("Patient"), List.of(has)), TYPES))).isEqualTo(200);
		assertThat(statusOf(() -> ExportGrant.decide(whole, asking(List.of("Patient"), List.of("Patient?_include=Patient:organization")), TYPES))).isEqualTo(400);
		assertThat(statusOf(() -> ExportGrant.decide(whole, asking(List.of("Patient"), List.of("Patient?organization.name=x")), TYPES))).isEqualTo(403);
	}
}
