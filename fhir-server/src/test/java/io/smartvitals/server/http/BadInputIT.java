package io.smartvitals.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartvitals.server.ServerOverHttp;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input gets a 4xx OperationOutcome, and the tenant holds exactly what it held before. */
class BadInputIT extends ServerOverHttp {

	private static final String PATIENT = "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Valid\"}]}";
	private static String tenant;
	private int patientsBefore;

	@BeforeEach
	void countPatients() throws Exception {
		if (tenant == null) {
			tenant = createTenant(uniqueTenantId("bad"));
		}
		patientsBefore = patientCount();
	}

	private void assertRefusedAndNothingStored(HttpResponse<String> response, int... statuses) throws Exception {
		assertThat(response.statusCode()).isIn(box(statuses));
		assertThat(response.body()).contains("\"resourceType\":\"OperationOutcome\"");
		assertThat(patientCount()).isEqualTo(patientsBefore);
	}

	@Test
	void urlsRefusedBySpringSecuritysFirewallAre400OperationOutcomes() throws Exception {
		for (String path : new String[] {"/fhir/" + tenant + ";x=other/Patient", "/fhir/" + tenant + "/Patient;jsessionid=1"}) {
			HttpResponse<String> response = send("GET", root() + path, null, null, null);
			assertThat(response.statusCode()).as(path).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type").orElse("")).as(path).startsWith("application/fhir+json");
			assertThat(response.body()).as(path).contains("\"resourceType\":\"OperationOutcome\"");
		}
		HttpResponse<String> outsideFhir = send("GET", root() + "/auth/" + tenant + ";x=y/jwks", null, null, null);
		assertThat(outsideFhir.statusCode()).isEqualTo(400);
		assertThat(outsideFhir.body()).contains("invalid_request");
	}

	@Test
	void malformedJsonIs400() throws Exception {
		assertRefusedAndNothingStored(post("/Patient", "application/fhir+json", "{\"resourceType\":\"Patient\",\"name\":["), 400);
	}

	@Test
	void malformedXmlIs400() throws Exception {
		assertRefusedAndNothingStored(post("/Patient", "application/fhir+xml", "<Patient xmlns=\"http://hl7.org/fhir\"><name>"), 400);
	}

	@Test
	void unsupportedContentTypeIsRefused() throws Exception {
		assertRefusedAndNothingStored(post("/Patient", "text/plain", PATIENT), 400, 415);
	}

	@Test
	void resourceTypeNotMatchingTheUrlIs400() throws Exception {
		assertRefusedAndNothingStored(post("/Observation", "application/fhir+json", PATIENT), 400);
	}

	@Test
	void unknownResourceTypeIsRefused() throws Exception {
		assertRefusedAndNothingStored(post("/Spaceship", "application/fhir+json", "{\"resourceType\":\"Spaceship\"}"), 400, 404);
		assertRefusedAndNothingStored(post("/Patient", "application/fhir+json", "{\"resourceType\":\"Spaceship\"}"), 400);
	}

	@Test
	void resourceTypesOutsideTheServedSetAreRefused() throws Exception {
		assertRefusedAndNothingStored(post("/Medication", "application/fhir+json", "{\"resourceType\":\"Medication\"}"), 400, 404);
	}

	@Test
	void idMismatchOnUpdateIs400AndLeavesTheResource() throws Exception {
		HttpResponse<String> created = post("/Patient", "application/fhir+json", PATIENT);
		assertThat(created.statusCode()).isEqualTo(201);
		patientsBefore = patientCount();
		String id = created.headers().firstValue("Location").orElseThrow().replaceFirst(".*/Patient/([^/]+)/.*", "$1");
		HttpResponse<String> response = send("PUT", base(tenant) + "/Patient/" + id, null, "application/fhir+json",
				"{\"resourceType\":\"Patient\",\"id\":\"other-id\",\"name\":[{\"family\":\"Changed\"}]}");
		assertRefusedAndNothingStored(response, 400);
		assertThat(get(base(tenant) + "/Patient/" + id).body()).contains("Valid").doesNotContain("Changed");
	}

	@Test
	void bodyOverTheLimitIs413() throws Exception {
		String huge = "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + "x".repeat(300 * 1024) + "\"}]}";
		assertRefusedAndNothingStored(post("/Patient", "application/fhir+json", huge), 413);
	}

	@Test
	void chunkedBodyOverTheLimitIs413() throws Exception {
		byte[] huge = ("{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + "x".repeat(300 * 1024) + "\"}]}").getBytes();
		HttpRequest request = HttpRequest.newBuilder(URI.create(base(tenant) + "/Patient"))
				.header("Content-Type", "application/fhir+json")
				.header("Authorization", "Bearer " + tokens().system(tenant, SYSTEM_SCOPES))
				.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)))
				.build();
		assertRefusedAndNothingStored(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()), 413);
	}

	@Test
	void chunkedBodyUnderTheLimitIsStored() throws Exception {
		byte[] body = PATIENT.getBytes();
		HttpRequest request = HttpRequest.newBuilder(URI.create(base(tenant) + "/Patient"))
				.header("Content-Type", "application/fhir+json")
				.header("Authorization", "Bearer " + tokens().system(tenant, SYSTEM_SCOPES))
				.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
				.build();
		assertThat(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(201);
		assertThat(patientCount()).isEqualTo(patientsBefore + 1);
	}

	/** HAPI keeps ids unique across partitions, so a client-chosen id could probe other tenants. */
	@Test
	void clientAssignedIdsAreRefusedAsUnknownIds() throws Exception {
		HttpResponse<String> response = send("PUT", base(tenant) + "/Patient/my-own-id", null, "application/fhir+json",
				"{\"resourceType\":\"Patient\",\"id\":\"my-own-id\"}");
		assertRefusedAndNothingStored(response, 404);
	}

	private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
		return send("POST", base(tenant) + path, null, contentType, body);
	}

	private int patientCount() throws Exception {
		Matcher total = Pattern.compile("\"total\":(\\d+)").matcher(get(base(tenant) + "/Patient?_summary=count").body());
		assertThat(total.find()).isTrue();
		return Integer.parseInt(total.group(1));
	}

	private static Integer[] box(int[] values) {
		Integer[] boxed = new Integer[values.length];
		for (int i = 0; i < values.length; i++) {
			boxed[i] = values[i];
		}
		return boxed;
	}
}
