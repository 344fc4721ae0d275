package io.smartvitals.conformance.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartvitals.conformance.support.Http;
import io.smartvitals.conformance.support.PostgresSuite;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * URLs Spring Security's firewall refuses come back as a 400 OperationOutcome, never an HTML or
 * empty error. (An encoded slash, {@code %2F}, is refused earlier by Tomcat itself, with its own page.)
 */
class FirewallRejectionIT extends PostgresSuite {

	@Test
	void pathParametersAndEncodedSlashesAre400OperationOutcome() {
		String a = Http.createTenant(server, "fw-a-" + UUID.randomUUID().toString().substring(0, 6));
		String b = Http.createTenant(server, "fw-b-" + UUID.randomUUID().toString().substring(0, 6));
		for (String path : new String[] {"/fhir/" + b + ";x=" + a + "/Patient", "/fhir/" + a + "/Patient;jsessionid=1"}) {
			HttpResponse<String> response = Http.send("GET", server.root() + path, Map.of("Accept", "application/fhir+json"), null);
			assertThat(response.statusCode()).as(path).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type").orElse("")).as(path).startsWith("application/fhir+json");
			assertThat(response.body()).as(path).contains("\"resourceType\":\"OperationOutcome\"");
		}
	}
}
