package io.smartvitals.conformance.access;

import static io.smartvitals.conformance.access.TwoTenants.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.smartvitals.conformance.support.Http;
import io.smartvitals.conformance.support.PostgresSuite;
import io.smartvitals.server.demo.TenantPopulationLoader.Population;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 19: a transaction or batch entry reaches exactly what the same direct request reaches.
 * Each entry meets the served-type list, the operation allow-list, the same requirement (system
 * only, refused) and the same scope and {@code _has} checks before anything runs; a refused
 * entry refuses the whole bundle (403 naming the entry and the rule) and writes nothing; bundles
 * carry at most {@code vitals.fhir.max-bundle-entries} (1000) entries.
 */
class BundleEntriesIT extends PostgresSuite {

	private static final String T = "bundle-" + UUID.randomUUID().toString().substring(0, 6);
	private static String x;

	@BeforeAll
	static void population() {
		Population data = TwoTenants.populate(server, T);
		x = id(data.patients().get(0));
	}

	private static String patientToken(String scopes) {
		return "Bearer " + server.patientToken(T, scopes, x, "patient-app");
	}

	private static String systemToken() {
		return "Bearer " + server.systemToken(T, "system/*.cruds system/access-policy");
	}

	private static HttpResponse<String> post(String authorization, String bundle) {
		return Http.send("POST", server.base(T), Map.of("Authorization", authorization, "Accept", "application/fhir+json",
				"Content-Type", "application/fhir+json"), bundle);
	}

	private static String bundle(String type, String... entries) {
		return "{\"resourceType\":\"Bundle\",\"type\":\"" + type + "\",\"entry\":[" + String.join(",", entries) + "]}";
	}

	private static String entry(String method, String url, String resource) {
		return "{" + (resource == null ? "" : "\"fullUrl\":\"urn:uuid:" + UUID.randomUUID() + "\",\"resource\":" + resource + ",")
				+ "\"request\":{\"method\":\"" + method + "\",\"url\":\"" + url + "\"}}";
	}

	private static int count(String query) {
		String body = Http.get(server.base(T) + "/" + query + (query.contains("?") ? "&" : "?") + "_summary=count", systemToken()).body();
		return Integer.parseInt(body.replaceAll("(?s).*\"total\":(\\d+).*", "$1"));
	}

	private static void refused(HttpResponse<String> response, String rulePart) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
		assertThat(response.body()).contains("OperationOutcome").contains(rulePart);
	}

	@ParameterizedTest(name = "{0} entry {1} {2}")
	@CsvSource({
		"batch, POST, Binary", "batch, POST, Subscription", "batch, POST, Basic",
		"transaction, POST, Binary", "transaction, POST, Subscription", "transaction, POST, Basic"
	})
	@DisplayName("types the FHIR base does not serve cannot be created through a bundle, even with system/*.cruds")
	void unservedTypesAreRefused(String type, String method, String resourceType) {
		String resource = "{\"resourceType\":\"" + resourceType + "\"" + ("Basic".equals(resourceType)
				? ",\"code\":{\"text\":\"x\"}" : "Subscription".equals(resourceType)
				? ",\"status\":\"requested\",\"reason\":\"x\",\"criteria\":\"Observation?\",\"channel\":{\"type\":\"rest-hook\",\"endpoint\":\"https://evil.example/\"}"
				: ",\"contentType\":\"text/plain\",\"data\":\"eA==\"") + "}";
		assertThat(Http.send(method, server.base(T) + "/" + resourceType, Map.of("Authorization", systemToken(),
				"Content-Type", "application/fhir+json"), resource).statusCode()).as("refused directly").isBetween(400, 405);
		refused(post(systemToken(), bundle(type, entry(method, resourceType, resource))), resourceType + " is not served");
	}

	@Test
	@DisplayName("DELETE AuditEvent/{id} in a batch or transaction is refused, as it is directly")
	void auditEventCannotBeDeletedThroughABundle() {
		String system = "Bearer " + server.systemToken(T, "system/*.cruds system/AuditEvent.cruds");
		for (String type : new String[] {"batch", "transaction"}) {
			refused(post(system, bundle(type, entry("DELETE", "AuditEvent/" + UUID.randomUUID(), null))), "AuditEvent");
		}
	}

	@Test
	@DisplayName("type-level $everything and $meta, and a nested bundle, are refused to a patient token in a batch as they are directly")
	void operationsNeedTheSameAsDirectly() {
		String patient = patientToken("patient/*.cruds");
		for (String url : new String[] {"Patient/$everything", "$meta", "Observation/$meta", "Patient/$expunge", "$reindex", "Observation/_history/x/y/z"}) {
			HttpResponse<String> direct = Http.get(server.base(T) + "/" + url, patient);
			assertThat(direct.statusCode()).as("direct " + url + " " + direct.body()).isBetween(400, 404);
			HttpResponse<String> batch = post(patient, bundle("batch", entry("GET", url, null)));
			assertThat(batch.statusCode()).as("batch " + url + " " + batch.body()).isEqualTo(403);
		}
		refused(post(patient, bundle("batch", entry("POST", "", bundle("batch")))), "entry 1");
		HttpResponse<String> own = post(patient, bundle("batch", entry("GET", "Patient/" + x, null), entry("GET", "Observation?patient=" + x, null)));
		assertThat(own.statusCode()).as("the token's own patient stays readable in a batch: " + own.body()).isEqualTo(200);
		assertThat(own.body()).contains("\"id\":\"" + x + "\"");
	}

	@Test
	@DisplayName("_has inside a batch entry is checked like a direct search")
	void reverseChainsInEntriesAreChecked() {
		String vitalsOnly = patientToken("patient/Patient.rs patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs");
		String has = "Patient?_has:Observation:patient:code=8867-4";
		assertThat(Http.get(server.base(T) + "/" + has, vitalsOnly).statusCode()).as("refused directly").isEqualTo(403);
		refused(post(vitalsOnly, bundle("batch", entry("GET", has, null))), "_has:Observation");
	}

	@Test
	@DisplayName("a transaction with one refused entry writes nothing")
	void aRefusedEntryWritesNothing() {
		int before = count("Observation");
		String observation = "{\"resourceType\":\"Observation\",\"status\":\"final\",\"category\":[{\"coding\":[{\"system\":"
				+ "\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"vital-signs\"}]}],\"code\":{\"coding\":"
				+ "[{\"system\":\"http://loinc.org\",\"code\":\"8867-4\"}]},\"subject\":{\"reference\":\"Patient/" + x + "\"},"
				+ "\"effectiveDateTime\":\"2026-01-01T00:00:00Z\",\"valueQuantity\":{\"value\":70,\"unit\":\"/min\",\"system\":"
				+ "\"http://unitsofmeasure.org\",\"code\":\"/min\"}}";
		refused(post(systemToken(), bundle("transaction", entry("POST", "Observation", observation),
				entry("POST", "Basic", "{\"resourceType\":\"Basic\",\"code\":{\"text\":\"x\"}}"))), "entry 2");
		assertThat(count("Observation")).isEqualTo(before);
	}

	@Test
	@DisplayName("more than 1000 entries: 413 with an OperationOutcome naming the limit, nothing runs")
	void entriesAreCapped() {
		String many = IntStream.range(0, 1001).mapToObj(i -> entry("GET", "Patient/" + x, null)).collect(Collectors.joining(","));
		HttpResponse<String> response = post(systemToken(), "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[" + many + "]}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
		assertThat(response.body()).contains("OperationOutcome").contains("at most 1000 entries");
		String thousand = IntStream.range(0, 1000).mapToObj(i -> entry("GET", "Patient/" + x, null)).collect(Collectors.joining(","));
		assertThat(post(systemToken(), "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[" + thousand + "]}").statusCode()).isEqualTo(200);
	}
}
