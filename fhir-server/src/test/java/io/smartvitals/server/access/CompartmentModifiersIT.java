package io.smartvitals.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartvitals.server.ServerOverHttp;
import java.net.http.HttpResponse;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Search modifiers on the compartment's own parameter with a patient/ token: never a server error,
 * never another patient's data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompartmentModifiersIT extends ServerOverHttp {

	private String tenant;
	private String mine;
	private String theirs;

	@BeforeAll
	void data() throws Exception {
		tenant = createTenant(uniqueTenantId("modifiers"));
		mine = client(tenant).create().resource(new Patient().setActive(true)).execute().getId().getIdPart();
		theirs = client(tenant).create().resource(new Patient().setActive(true)).execute().getId().getIdPart();
	}

	@Test
	void missingAndOtherModifiersOnThePatientParameterAreAnsweredWithoutAServerError() throws Exception {
		String token = "Bearer " + tokens().patient(tenant, "patient/Observation.rs patient/Patient.rs", mine);
		for (String query : new String[] {
			"Observation?patient:missing=true", "Observation?patient:missing=false", "Observation?subject:missing=true",
			"Observation?patient:Patient=" + theirs, "Observation?subject:Patient.identifier=x", "Observation?patient:not=" + mine,
			"Patient?_id:missing=true"
		}) {
			HttpResponse<String> response = send("GET", base(tenant) + "/" + query, token, null, null);
			assertThat(response.statusCode()).as(query + ": " + response.body()).isLessThan(500);
			if (response.statusCode() >= 400) {
				assertThat(response.body()).as(query).contains("OperationOutcome").doesNotContain(theirs + "\"");
			} else {
				// Links echo the query; only returned resources matter.
				assertThat(FHIR.newJsonParser().parseResource(Bundle.class, response.body()).getEntry()).as(query)
						.allSatisfy(e -> assertThat(e.getResource().getIdElement().getIdPart()).isNotEqualTo(theirs));
			}
		}
	}
}
