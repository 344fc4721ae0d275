package io.smartvitals.interceptors.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import io.smartvitals.smart.model.scope.Interaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BundleEntryTest {

	@ParameterizedTest
	@CsvSource({
		"GET, Patient/1, READ", "GET, Patient?name=x, SEARCH_TYPE", "POST, Patient/_search, SEARCH_TYPE",
		"GET, Patient/1/_history/2, VREAD", "GET, Patient/1/_history, HISTORY_INSTANCE", "GET, Patient/_history, HISTORY_TYPE",
		"GET, _history, HISTORY_SYSTEM", "GET, ?_type=Patient, SEARCH_SYSTEM", "GET, metadata, METADATA",
		"POST, Observation, CREATE", "PUT, Observation/1, UPDATE", "PATCH, Observation/1, PATCH", "DELETE, Observation/1, DELETE",
		"GET, $meta, EXTENDED_OPERATION_SERVER", "GET, Patient/$everything, EXTENDED_OPERATION_TYPE",
		"GET, Patient/1/$everything, EXTENDED_OPERATION_INSTANCE"
	})
	void eachEntryIsTheRequestItsUrlNames(String method, String url, RestOperationTypeEnum expected) {
		assertThat(BundleEntry.of(method, url, null).operationType()).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({"POST, ''", "GET, http://other.example/fhir/t/Patient/1", "GET, /Patient/1", "GET, Patient//1",
		"GET, Patient/1/x", "DELETE, Patient", "PUT, Patient", "GET, patient/1", "GET, Patient?x=%zz", "TRACE, Patient/1"})
	void shapesNoDirectRequestHasAreRefused(String method, String url) {
		BundleEntry entry = BundleEntry.of(method, url, null);
		assertThat(entry.operationType()).isNull();
		assertThat(entry.requirement()).isInstanceOf(Requirement.Refused.class);
	}

	@Test
	void conditionalWritesAndTheirParametersAreKept() {
		BundleEntry delete = BundleEntry.of("DELETE", "Observation?code=8867-4", null);
		assertThat(delete.requirement()).isEqualTo(new Requirement.OnType("Observation", Interaction.CONDITIONAL_DELETE));
		assertThat(BundleEntry.of("POST", "Observation", "identifier=x").requirement())
				.isEqualTo(new Requirement.OnType("Observation", Interaction.CONDITIONAL_CREATE));
		assertThat(BundleEntry.of("GET", "Patient?_has:Observation:patient:code=8867-4", null).parameters())
				.containsKey("_has:Observation:patient:code");
	}

	@Test
	void typeLevelEverythingAndMetaNeedASystemScope() {
		assertThat(BundleEntry.of("GET", "Patient/$everything", null).requirement()).isInstanceOf(Requirement.SystemOnly.class);
		assertThat(BundleEntry.of("GET", "$meta", null).requirement()).isInstanceOf(Requirement.SystemOnly.class);
	}
}
