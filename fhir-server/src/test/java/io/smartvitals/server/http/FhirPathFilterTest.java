package io.smartvitals.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FhirPathFilterTest {

	@ParameterizedTest
	@ValueSource(strings = {"/fhir//a/Patient", "/fhir/a/../b/Patient", "/fhir/./a/Patient", "/fhir/a%2F..%2Fb/Patient",
		"/fhir/a%2f..%2fb", "/fhir/b/%2e%2e/a/Patient", "/fhir/a%5C..%5Cb", "/fhir/a%00/Patient", "/fhir/a\\..\\b", "/fhir/a/.."})
	void pathTricksAreRecognised(String path) {
		assertThat(FhirPathFilter.isTrick(path)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = {"/fhir/general-hospital/Observation", "/fhir/a/Patient/123/_history/2",
		"/fhir/a/Patient/x.y", "/fhir/a/metadata", "/fhir/a/.well-known/smart-configuration", "/fhir/a/Patient/$everything"})
	void ordinaryPathsPass(String path) {
		assertThat(FhirPathFilter.isTrick(path)).isFalse();
	}

	@org.junit.jupiter.params.provider.CsvSource({"/fhir/general-hospital/Observation,general-hospital", "/fhir/a%09/Patient,a%09",
		"/auth/b;x=a/token,b", "/fhir/a,a", "/fhir/,''", "/fhir,''", "/auth/%E2%80%8Bgh/jwks,%E2%80%8Bgh"})
	@ParameterizedTest
	void theTenantSegmentIsTakenAsSent(String path, String tenant) {
		assertThat(FhirPathFilter.tenantSegment(path)).isEqualTo(tenant);
	}
}
