package io.smartvitals.smart.model.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TenantEndpointsTest {

	@Test
	void oneRootGivesIssuerFhirBaseAndTokenEndpoint() {
		TenantEndpoints endpoints = new TenantEndpoints("https://vitals.example", "acme");
		assertThat(endpoints.issuer()).isEqualTo("https://vitals.example/auth/acme");
		assertThat(endpoints.fhirBase()).isEqualTo("https://vitals.example/fhir/acme");
		assertThat(endpoints.tokenEndpoint()).isEqualTo("https://vitals.example/auth/acme/token");
	}

	@Test
	void fromIssuerAndFromFhirBaseAreTheInverse() {
		TenantEndpoints endpoints = new TenantEndpoints("http://localhost:8080/ctx", "acme");
		assertThat(TenantEndpoints.fromIssuer(endpoints.issuer())).isEqualTo(endpoints);
		assertThat(TenantEndpoints.fromFhirBase(endpoints.fhirBase(), "acme")).contains(endpoints);
	}

	@Test
	void aFhirBaseOfAnotherTenantOrNoIssuerIsRefused() {
		assertThat(TenantEndpoints.fromFhirBase("https://vitals.example/fhir/acme", "other")).isEmpty();
		assertThat(TenantEndpoints.fromFhirBase(null, "acme")).isEmpty();
		assertThatThrownBy(() -> TenantEndpoints.fromIssuer("https://vitals.example/fhir/acme")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> TenantEndpoints.fromIssuer("https://vitals.example/auth/")).isInstanceOf(IllegalArgumentException.class);
	}
}
