package io.smartvitals.interceptors.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExportKickoffTest {

	private final ExportKickoff kickoff = new ExportKickoff(Set.of("Patient", "Observation", "Group"));
	private static final List<String> FHIR_JSON = List.of("application/fhir+json");
	private static final List<String> ASYNC = List.of("respond-async");

	private ExportRequest read(List<String> accept, List<String> prefer, Map<String, List<String>> parameters) {
		return kickoff.read(ExportLevel.SYSTEM, null, false, accept, prefer, parameters);
	}

	private static void refused(Runnable call, int status, String mentioning) {
		assertThatThrownBy(call::run).isInstanceOf(ExportRefusal.class)
				.hasMessageContaining(mentioning)
				.satisfies(e -> assertThat(((ExportRefusal) e).status()).isEqualTo(status));
	}

	@Test
	void acceptMustBeFhirJsonAndPreferMustAskForAsync() {
		refused(() -> read(List.of("application/json"), ASYNC, Map.of()), 400, "Accept");
		refused(() -> read(null, ASYNC, Map.of()), 400, "Accept");
		refused(() -> read(FHIR_JSON, List.of(), Map.of()), 400, "respond-async");
		assertThat(read(List.of("application/fhir+json; charset=utf-8"), List.of("respond-async, handling=strict"), Map.of()).types()).isEmpty();
	}

	@Test
	void typesSinceAndFiltersAreRead() {
		ExportRequest request = read(FHIR_JSON, ASYNC, Map.of(
				"_type", List.of("Patient,Observation"),
				"_since", List.of("2026-11-01T00:00:00 01:00"),
				"_typeFilter", List.of("Observation?code=a,b,Patient?gender=female"),
				"_outputFormat", List.of("ndjson")));
		assertThat(request.types()).containsExactly("Patient", "Observation");
		assertThat(request.since()).isEqualTo(Instant.parse("2026-10-31T23:00:00Z"));
		assertThat(request.typeFilters()).containsExactly("Observation?code=a,b", "Patient?gender=female");
	}

	@Test
	void invalidTypeFormatSinceAndFilterAre400() {
		refused(() -> read(FHIR_JSON, ASYNC, Map.of("_type", List.of("Nope"))), 400, "Nope");
		refused(() -> read(FHIR_JSON, ASYNC, Map.of("_outputFormat", List.of("text/csv"))), 400, "text/csv");
		refused(() -> read(FHIR_JSON, ASYNC, Map.of("_since", List.of("yesterday"))), 400, "_since");
		refused(() -> read(FHIR_JSON, ASYNC, Map.of("_typeFilter", List.of("code=a"))), 400, "_typeFilter");
	}

	@Test
	void unsupportedParametersAre400UnlessLenient() {
		refused(() -> read(FHIR_JSON, ASYNC, Map.of("_elements", List.of("id"))), 400, "not supported");
		refused(() -> read(FHIR_JSON, ASYNC, Map.of("foo", List.of("1"))), 400, "not a parameter");
		ExportRequest lenient = read(FHIR_JSON, List.of("respond-async", "handling=lenient"), Map.of("_elements", List.of("id")));
		assertThat(lenient.ignored()).containsExactly("_elements");
	}

	@Test
	void patientParameterOnlyWithPostBelowSystemLevel() {
		Map<String, List<String>> patient = Map.of("patient", List.of("Patient/123"));
		refused(() -> kickoff.read(ExportLevel.PATIENT, null, false, FHIR_JSON, ASYNC, patient), 400, "POST");
		refused(() -> kickoff.read(ExportLevel.SYSTEM, null, true, FHIR_JSON, ASYNC, patient), 400, "POST");
		refused(() -> kickoff.read(ExportLevel.PATIENT, null, true, FHIR_JSON, ASYNC, Map.of("patient", List.of("Observation/1"))), 400, "Patient/[id]");
		assertThat(kickoff.read(ExportLevel.GROUP, "g", true, FHIR_JSON, ASYNC, patient).patients()).containsExactly("Patient/123");
	}
}
