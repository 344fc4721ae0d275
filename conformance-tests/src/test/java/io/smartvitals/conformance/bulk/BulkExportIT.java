package io.smartvitals.conformance.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartvitals.conformance.support.BackendClient;
import io.smartvitals.conformance.support.Http;
import io.smartvitals.conformance.support.PostgresSuite;
import io.smartvitals.conformance.support.RunningServer;
import io.smartvitals.server.demo.VitalSignFactory;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bulk Data Access 2.0 {@code $export} end to end over HTTP with backend clients that sign their
 * own RS384 assertions: a tenant with 1,000 vitals across 20 patients (plus 5 laboratory results)
 * exports exactly its own data at system, Patient and Group level, narrowed by scopes, consent,
 * {@code _type}, {@code _since} and {@code _typeFilter}; every refusal of CHECKLIST K1-K8 and
 * ATTACKS T9/T10.
 */
class BulkExportIT extends PostgresSuite {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final String VITALS_ONLY =
			"system/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs";
	private static final String LAB_CODE = "2339-0";

	private static String a;
	private static String b;
	private static BackendClient exporter;
	private static BackendClient otherClient;
	private static BackendClient consentRestricted;
	private static BackendClient exporterOfB;
	private static List<String> patientsOfA;
	private static Set<String> observationsOfA = new HashSet<>();
	private static Set<String> idsOfB = new HashSet<>();
	private static String groupOfA;

	@BeforeAll
	static void twoTenantsWithVitals() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		a = Http.createTenant(server, "bulk-a-" + suffix);
		b = Http.createTenant(server, "bulk-b-" + suffix);
		List<String> scopes = List.of("system/Patient.rs", "system/Observation.rs", "system/Group.rs");
		exporter = BackendClient.register(server, a, "exporter", scopes);
		otherClient = BackendClient.register(server, a, "other-exporter", scopes);
		consentRestricted = BackendClient.register(server, a, "restricted-exporter", scopes);
		exporterOfB = BackendClient.register(server, b, "exporter", scopes);

		patientsOfA = new ArrayList<>();
		Instant start = Instant.parse("2026-10-01T08:00:00Z");
		for (int p = 0; p < 20; p++) {
			Map<String, List<String>> created = loadPatient(a, "A-" + p, start, 50, p == 0 ? 5 : 0);
			patientsOfA.add(created.get("Patient").get(0));
			observationsOfA.addAll(created.get("Observation"));
		}
		for (int p = 0; p < 2; p++) {
			loadPatient(b, "B-" + p, start, 10, 1).values().forEach(idsOfB::addAll);
		}
		Group group = new Group().setType(Group.GroupType.PERSON).setActual(true);
		patientsOfA.subList(0, 5).forEach(id -> group.addMember().setEntity(new Reference("Patient/" + id)));
		groupOfA = created(Http.fhir("POST", server.base(a) + "/Group", FHIR.newJsonParser().encodeResourceToString(group)));
		// The restricted client's identity, and a Consent of the last patient denying it.
		Device device = new Device();
		device.addIdentifier().setSystem("urn:smartvitals:client-id").setValue(consentRestricted.clientId);
		String deviceId = created(Http.fhir("POST", server.base(a) + "/Device", FHIR.newJsonParser().encodeResourceToString(device)));
		Consent consent = new Consent().setStatus(Consent.ConsentState.ACTIVE).setPatient(new Reference("Patient/" + patientsOfA.get(19)));
		consent.getScope().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/consentscope").setCode("patient-privacy");
		consent.addCategory().addCoding().setSystem("http://loinc.org").setCode("59284-0");
		consent.getProvision().setType(Consent.ConsentProvisionType.PERMIT).addProvision().setType(Consent.ConsentProvisionType.DENY)
				.addActor().setReference(new Reference("Device/" + deviceId))
				.getRole().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/v3-ParticipationType").setCode("IRCP");
		created(Http.fhir("POST", server.base(a) + "/Consent", FHIR.newJsonParser().encodeResourceToString(consent)));
	}

	/** One transaction: a patient, its vitals and its laboratory results; returns the ids by type. */
	private static Map<String, List<String>> loadPatient(String tenant, String mrn, Instant start, int vitals, int labs) {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		String patientUrl = "urn:uuid:" + UUID.randomUUID();
		Patient patient = new Patient();
		patient.addIdentifier().setSystem("urn:mrn").setValue(mrn);
		patient.addName().setFamily("Bulk").addGiven(mrn);
		bundle.addEntry().setFullUrl(patientUrl).setResource(patient).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
		VitalSignFactory.Kind[] kinds = {VitalSignFactory.Kind.HEART_RATE, VitalSignFactory.Kind.RESPIRATORY_RATE, VitalSignFactory.Kind.BODY_WEIGHT};
		for (int i = 0; i < vitals; i++) {
			Observation vital = VitalSignFactory.measurement(kinds[i % kinds.length], patientUrl, start.plus(i, ChronoUnit.HOURS), 60 + i % 20);
			bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(vital).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
		}
		for (int i = 0; i < labs; i++) {
			Observation lab = VitalSignFactory.glucose(patientUrl, start.plus(i, ChronoUnit.DAYS), 90 + i);
			bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(lab).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
		}
		HttpResponse<String> response = Http.fhir("POST", server.base(tenant), FHIR.newJsonParser().encodeResourceToString(bundle));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		Map<String, List<String>> ids = new HashMap<>();
		for (Bundle.BundleEntryComponent entry : FHIR.newJsonParser().parseResource(Bundle.class, response.body()).getEntry()) {
			String[] location = entry.getResponse().getLocation().split("/");
			ids.computeIfAbsent(location[0], k -> new ArrayList<>()).add(location[1]);
		}
		return ids;
	}

	private static String created(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return FHIR.newJsonParser().parseResource(response.body()).getIdElement().getIdPart();
	}

	// ---------------------------------------------------------------- helpers: a bulk data client

	private static Map<String, String> kickoffHeaders(String authorization) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Accept", "application/fhir+json");
		headers.put("Prefer", "respond-async");
		headers.put("Authorization", authorization);
		return headers;
	}

	static HttpResponse<String> kickoff(String tenant, String authorization, String pathAndQuery) {
		return Http.send("GET", server.base(tenant) + "/" + pathAndQuery, kickoffHeaders(authorization), null);
	}

	/** Kick-off that must be accepted; returns the status URL. */
	static String started(String tenant, String authorization, String pathAndQuery) {
		HttpResponse<String> response = kickoff(tenant, authorization, pathAndQuery);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return response.headers().firstValue("Content-Location").orElseThrow();
	}

	static HttpResponse<String> status(String url, String authorization) {
		return Http.send("GET", url, Map.of("Accept", "application/json", "Authorization", authorization), null);
	}

	/** Polls as a client does (following Retry-After, fast in tests) until the manifest is there. */
	static JsonNode manifest(String statusUrl, String authorization) throws Exception {
		for (int i = 0; i < 600; i++) {
			HttpResponse<String> response = status(statusUrl, authorization);
			if (response.statusCode() == 200) {
				assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
				return JSON.readTree(response.body());
			}
			assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
			assertThat(response.headers().firstValue("Retry-After")).isPresent();
			assertThat(response.headers().firstValue("X-Progress")).isPresent();
			Thread.sleep(200);
		}
		throw new AssertionError("Export did not complete: " + statusUrl);
	}

	static HttpResponse<String> download(String url, String authorization) {
		return Http.send("GET", url, Map.of("Accept", "application/fhir+ndjson", "Authorization", authorization), null);
	}

	/** Every output file downloaded and parsed: resource type to resources; checks K5 on the way. */
	static Map<String, List<IBaseResource>> exported(JsonNode manifest, String authorization) {
		Map<String, List<IBaseResource>> byType = new HashMap<>();
		for (JsonNode file : manifest.get("output")) {
			HttpResponse<String> response = download(file.get("url").asText(), authorization);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/fhir+ndjson");
			String[] lines = response.body().split("\n");
			assertThat(lines).hasSize(file.get("count").asInt());
			for (String line : lines) {
				IBaseResource resource = FHIR.newJsonParser().parseResource(line);
				assertThat(resource.fhirType()).isEqualTo(file.get("type").asText());
				byType.computeIfAbsent(resource.fhirType(), k -> new ArrayList<>()).add(resource);
			}
		}
		return byType;
	}

	static Set<String> ids(List<IBaseResource> resources) {
		Set<String> ids = new HashSet<>();
		if (resources != null) {
			resources.forEach(r -> ids.add(r.getIdElement().getIdPart()));
		}
		return ids;
	}

	static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	static HttpResponse<String> cancel(String statusUrl, String authorization) {
		return Http.send("DELETE", statusUrl, Map.of("Authorization", authorization), null);
	}

	static void assertOperationOutcome(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		// JSON, or XML for a client that asked for XML
		assertThat(response.body()).containsAnyOf("\"resourceType\":\"OperationOutcome\"", "<OperationOutcome");
	}

	// ---------------------------------------------------------------- exports

	/** K2, K4, K5: system level, both types, exactly the tenant's data, every line a FHIR resource. */
	@Test
	void k2SystemExportHasExactlyTheTenantsPatientsAndObservations() throws Exception {
		String token = exporter.authorization("system/Patient.rs system/Observation.rs");
		String statusUrl = started(a, token, "$export?_type=Patient,Observation");
		assertThat(statusUrl).startsWith(server.base(a) + "/");
		JsonNode manifest = manifest(statusUrl, token);

		assertThat(manifest.get("transactionTime").asText()).isNotBlank();
		Instant.parse(manifest.get("transactionTime").asText());
		assertThat(manifest.get("request").asText()).contains("$export");
		assertThat(manifest.get("requiresAccessToken").asBoolean()).isTrue();
		assertThat(manifest.get("error").isArray()).isTrue();
		assertThat(manifest.get("error")).isEmpty();
		for (JsonNode file : manifest.get("output")) {
			assertThat(file.get("url").asText()).startsWith(server.base(a) + "/");
		}
		Map<String, List<IBaseResource>> exported = exported(manifest, token);
		assertThat(exported.keySet()).containsExactlyInAnyOrder("Patient", "Observation");
		assertThat(exported.get("Observation")).hasSize(1005);
		assertThat(ids(exported.get("Observation"))).isEqualTo(observationsOfA);
		assertThat(ids(exported.get("Patient"))).containsExactlyInAnyOrderElementsOf(patientsOfA);
		Set<String> all = new HashSet<>(ids(exported.get("Observation")));
		all.addAll(ids(exported.get("Patient")));
		assertThat(all).doesNotContainAnyElementsOf(idsOfB);
	}

	/** K2: Patient level; the types default to the Patient-compartment types the scopes grant. */
	@Test
	void k2PatientLevelExportDefaultsToTheGrantedCompartmentTypes() throws Exception {
		String token = exporter.authorization("system/Patient.rs system/Observation.rs");
		Map<String, List<IBaseResource>> exported = exported(manifest(started(a, token, "Patient/$export"), token), token);
		assertThat(exported.keySet()).containsExactlyInAnyOrder("Patient", "Observation");
		assertThat(ids(exported.get("Observation"))).isEqualTo(observationsOfA);
	}

	/** K2: Group level exports the members' data only. */
	@Test
	void k2GroupLevelExportHasOnlyTheMembersData() throws Exception {
		String token = exporter.authorization("system/Patient.rs system/Observation.rs system/Group.rs");
		Map<String, List<IBaseResource>> exported = exported(manifest(started(a, token, "Group/" + groupOfA + "/$export?_type=Patient,Observation"), token), token);
		assertThat(ids(exported.get("Patient"))).containsExactlyInAnyOrderElementsOf(patientsOfA.subList(0, 5));
		assertThat(exported.get("Observation")).hasSize(5 * 50 + 5);
		for (IBaseResource resource : exported.get("Observation")) {
			assertThat(patientsOfA.subList(0, 5)).contains(((Observation) resource).getSubject().getReferenceElement().getIdPart());
		}
	}

	/** A granular system scope becomes a filter: vitals only, and the laboratory results stay out. */
	@Test
	void vitalsOnlyScopeExportsOnlyVitals() throws Exception {
		String token = exporter.authorization(VITALS_ONLY);
		Map<String, List<IBaseResource>> exported = exported(manifest(started(a, token, "$export"), token), token);
		assertThat(exported.keySet()).containsExactly("Observation");
		assertThat(exported.get("Observation")).hasSize(1000);
		for (IBaseResource resource : exported.get("Observation")) {
			assertThat(((Observation) resource).getCode().getCodingFirstRep().getCode()).isNotEqualTo(LAB_CODE);
		}
		// The client's own _typeFilter narrows further; it never widens the granted query.
		JsonNode labs = manifest(started(a, token, "$export?_type=Observation&_typeFilter=" + enc("Observation?code=http://loinc.org|" + LAB_CODE)), token);
		assertThat(exported(labs, token).get("Observation")).isNull();
	}

	/** A type the scopes do not grant is 403 naming it. */
	@Test
	void askingForATypeTheScopesDoNotGrantIs403NamingIt() throws Exception {
		HttpResponse<String> response = kickoff(a, exporter.authorization(VITALS_ONLY), "$export?_type=Observation,Patient");
		assertOperationOutcome(response, 403);
		assertThat(response.body()).contains("Patient");
	}

	/** Issue 19: a _typeFilter meets the checks of the same search; _has into a type granted only in part is no oracle. */
	@Test
	void typeFilterIsCheckedLikeTheSameSearch() throws Exception {
		String token = exporter.authorization("system/Patient.rs " + VITALS_ONLY);
		String has = "Patient?_has:Observation:patient:code=http://loinc.org|8867-4&_has:Observation:patient:value-quantity=gt95";
		HttpResponse<String> search = Http.get(server.base(a) + "/" + has.replace("|", "%7C"), token);
		assertThat(search.statusCode()).as("refused as a search: " + search.body()).isEqualTo(403);
		HttpResponse<String> export = kickoff(a, token, "$export?_type=Patient&_typeFilter=" + enc(has));
		assertOperationOutcome(export, 403);
		assertThat(export.body()).contains("_has:Observation");
		HttpResponse<String> include = kickoff(a, token, "$export?_type=Patient&_typeFilter=" + enc("Patient?_revinclude=Observation:patient"));
		assertOperationOutcome(include, 400);
		HttpResponse<String> chain = kickoff(a, token, "$export?_type=Patient&_typeFilter=" + enc("Patient?organization.name=x"));
		assertOperationOutcome(chain, 403);
	}

	/** K6: _typeFilter and _since. */
	@Test
	void k6TypeFilterAndSinceSelect() throws Exception {
		String token = exporter.authorization("system/Patient.rs system/Observation.rs");
		JsonNode labs = manifest(started(a, token, "$export?_type=Observation&_typeFilter=" + enc("Observation?code=http://loinc.org|" + LAB_CODE)), token);
		List<IBaseResource> exported = exported(labs, token).get("Observation");
		assertThat(exported).hasSize(5);

		Thread.sleep(1100);
		Instant since = Instant.now();
		Thread.sleep(1100);
		Map<String, List<String>> later = loadPatient(a, "A-late-" + UUID.randomUUID(), Instant.parse("2026-11-01T08:00:00Z"), 3, 0);
		JsonNode changed = manifest(started(a, token, "$export?_type=Patient,Observation&_since=" + enc(since.toString())), token);
		Map<String, List<IBaseResource>> recent = exported(changed, token);
		assertThat(ids(recent.get("Observation"))).containsExactlyInAnyOrderElementsOf(later.get("Observation"));
		assertThat(ids(recent.get("Patient"))).containsExactlyInAnyOrderElementsOf(later.get("Patient"));
	}

	/** K6: the three spellings of NDJSON are accepted (each job cancelled at once). */
	@Test
	void k6AllNdjsonOutputFormatsAreAccepted() throws Exception {
		String token = exporter.authorization("system/Patient.rs");
		for (String format : List.of("application/fhir+ndjson", "application/ndjson", "ndjson")) {
			String statusUrl = started(a, token, "$export?_type=Patient&_outputFormat=" + enc(format));
			assertThat(cancel(statusUrl, token).statusCode()).isEqualTo(202);
		}
	}

	/** Consent: a patient whose Consent denies this client is left out of its export (and only of its export). */
	@Test
	void patientWhoseConsentDeniesTheClientIsLeftOut() throws Exception {
		String token = consentRestricted.authorization("system/Patient.rs system/Observation.rs");
		Map<String, List<IBaseResource>> exported = exported(manifest(started(a, token, "$export?_type=Patient,Observation"), token), token);
		String deniedPatient = patientsOfA.get(19);
		assertThat(ids(exported.get("Patient"))).hasSize(19).doesNotContain(deniedPatient);
		assertThat(exported.get("Observation")).hasSize(1005 - 50);
		for (IBaseResource resource : exported.get("Observation")) {
			assertThat(((Observation) resource).getSubject().getReferenceElement().getIdPart()).isNotEqualTo(deniedPatient);
		}
	}

	// ---------------------------------------------------------------- cancel, limits, expiry

	/** K7: DELETE cancels (202), the next poll is 404; three kick-off/DELETE pairs in a row all succeed. */
	@Test
	void k7CancelFreesTheSlotAtOnce() throws Exception {
		String token = exporter.authorization("system/Patient.rs system/Observation.rs");
		for (int i = 0; i < 3; i++) {
			String statusUrl = started(a, token, "$export?_type=Observation");
			HttpResponse<String> cancelled = cancel(statusUrl, token);
			assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(202);
			assertOperationOutcome(status(statusUrl, token), 404);
		}
	}

	/** K7 after completion: DELETE tells the server the client is done; the files go at once and the job is 404. */
	@Test
	void k7DeletingACompletedExportRemovesItsFiles() throws Exception {
		String token = exporter.authorization("system/Patient.rs");
		String statusUrl = started(a, token, "$export?_type=Patient");
		String fileUrl = manifest(statusUrl, token).get("output").get(0).get("url").asText();
		assertThat(cancel(statusUrl, token).statusCode()).isEqualTo(202);
		assertOperationOutcome(status(statusUrl, token), 404);
		assertOperationOutcome(download(fileUrl, token), 404);
	}

	/** Per-client cap (2 by default): the third concurrent kick-off is 429 with Retry-After; another client is not affected. */
	@Test
	void concurrentExportsBeyondTheCapAre429() throws Exception {
		String token = exporter.authorization("system/Patient.rs system/Observation.rs");
		String first = started(a, token, "$export?_type=Observation");
		String second = started(a, token, "$export?_type=Observation");
		HttpResponse<String> third = kickoff(a, token, "$export?_type=Observation");
		assertOperationOutcome(third, 429);
		assertThat(third.headers().firstValue("Retry-After")).isPresent();
		String other = otherClient.authorization("system/Patient.rs");
		String ofOther = started(a, other, "$export?_type=Patient");
		cancel(first, token);
		cancel(second, token);
		cancel(ofOther, other);
	}

	/** Files expire after the tenant's retention (1 s in the test tenant) and are deleted: file and status answer 404. */
	@Test
	void expiredFilesAreDeleted() throws Exception {
		String tenant = Http.createTenant(server, RunningServer.BULK_SHORT_RETENTION_TENANT);
		BackendClient client = BackendClient.register(server, tenant, "exporter", List.of("system/Patient.rs"));
		loadPatient(tenant, "E-1", Instant.parse("2026-10-01T08:00:00Z"), 1, 0);
		String token = client.authorization("system/Patient.rs");
		String statusUrl = started(tenant, token, "$export?_type=Patient");
		JsonNode manifest = null;
		for (int i = 0; i < 600 && manifest == null; i++) {
			HttpResponse<String> response = status(statusUrl, token);
			if (response.statusCode() == 200) {
				manifest = JSON.readTree(response.body());
			}
			Thread.sleep(100);
		}
		assertThat(manifest).isNotNull();
		String fileUrl = manifest.get("output").get(0).get("url").asText();
		int fileStatus = 200;
		for (int i = 0; i < 100 && fileStatus == 200; i++) {
			fileStatus = download(fileUrl, token).statusCode();
			Thread.sleep(200);
		}
		assertOperationOutcome(download(fileUrl, token), 404);
		assertOperationOutcome(status(statusUrl, token), 404);
	}

	// ---------------------------------------------------------------- refusals

	/** K1: kick-off without a token is 401. K5: a file without a token is 401. */
	@Test
	void k1AndK5WithoutATokenIs401() throws Exception {
		assertOperationOutcome(kickoff(a, Http.NO_TOKEN, "$export"), 401);
		String token = exporter.authorization("system/Patient.rs");
		JsonNode manifest = manifest(started(a, token, "$export?_type=Patient"), token);
		assertOperationOutcome(download(manifest.get("output").get(0).get("url").asText(), Http.NO_TOKEN), 401);
	}

	/** patient/ and user/ tokens may not export. */
	@Test
	void patientAndUserTokensGet403() {
		String patient = "Bearer " + server.patientToken(a, "patient/*.rs", patientsOfA.get(0), "patient-app");
		assertOperationOutcome(kickoff(a, patient, "$export"), 403);
		assertOperationOutcome(kickoff(a, patient, "Patient/$export"), 403);
		String user = "Bearer " + server.userToken(a, "user/*.rs", "Practitioner/unknown", "chart-app");
		assertOperationOutcome(kickoff(a, user, "$export"), 403);
	}

	/** T10: another client of the same tenant gets 404 for the job's status, cancel and files. */
	@Test
	void t10AnotherClientsJobIs404() throws Exception {
		String token = exporter.authorization("system/Patient.rs");
		String statusUrl = started(a, token, "$export?_type=Patient");
		JsonNode manifest = manifest(statusUrl, token);
		String fileUrl = manifest.get("output").get(0).get("url").asText();
		String other = otherClient.authorization("system/Patient.rs");
		assertOperationOutcome(status(statusUrl, other), 404);
		assertOperationOutcome(download(fileUrl, other), 404);
		assertOperationOutcome(cancel(statusUrl, other), 404);
		assertThat(download(fileUrl, token).statusCode()).isEqualTo(200);
	}

	/** T9: the same job's URLs at another tenant's base, with that tenant's token (same client id), are 404. */
	@Test
	void t9AnotherTenantsJobIs404() throws Exception {
		String token = exporter.authorization("system/Patient.rs");
		String statusUrl = started(a, token, "$export?_type=Patient");
		JsonNode manifest = manifest(statusUrl, token);
		String fileUrl = manifest.get("output").get(0).get("url").asText();
		String ofB = exporterOfB.authorization("system/Patient.rs");
		assertOperationOutcome(status(statusUrl.replace("/fhir/" + a + "/", "/fhir/" + b + "/"), ofB), 404);
		assertOperationOutcome(download(fileUrl.replace("/fhir/" + a + "/", "/fhir/" + b + "/"), ofB), 404);
		assertOperationOutcome(cancel(statusUrl.replace("/fhir/" + a + "/", "/fhir/" + b + "/"), ofB), 404);
		// Tenant A's token at tenant B's base is refused before anything is looked up.
		assertOperationOutcome(status(statusUrl.replace("/fhir/" + a + "/", "/fhir/" + b + "/"), token), 401);
		assertThat(status(statusUrl, token).statusCode()).isEqualTo(200);
	}

	/** K3: Accept other than application/fhir+json, or no Prefer: respond-async, is 400. */
	@Test
	void k3WrongAcceptOrMissingPreferIs400() throws Exception {
		String token = exporter.authorization("system/Patient.rs");
		assertOperationOutcome(Http.send("GET", server.base(a) + "/$export",
				Map.of("Accept", "application/xml", "Prefer", "respond-async", "Authorization", token), null), 400);
		assertOperationOutcome(Http.send("GET", server.base(a) + "/$export",
				Map.of("Accept", "application/fhir+json", "Authorization", token), null), 400);
	}

	/** K8: an invalid _type or _outputFormat is 400; so is an unsupported parameter, unless handling=lenient. */
	@Test
	void k8InvalidTypeOrOutputFormatIs400() throws Exception {
		String token = exporter.authorization("system/Patient.rs");
		assertOperationOutcome(kickoff(a, token, "$export?_type=NotAType"), 400);
		assertOperationOutcome(kickoff(a, token, "$export?_outputFormat=" + enc("text/csv")), 400);
		assertOperationOutcome(kickoff(a, token, "$export?_elements=id"), 400);
		assertOperationOutcome(kickoff(a, token, "$export?madeUp=1"), 400);
		Map<String, String> lenient = kickoffHeaders(token);
		lenient.put("Prefer", "respond-async, handling=lenient");
		HttpResponse<String> accepted = Http.send("GET", server.base(a) + "/$export?_type=Patient&_elements=id", lenient, null);
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		cancel(accepted.headers().firstValue("Content-Location").orElseThrow(), token);
	}

	/** POST kick-off with a Parameters body, and the patient parameter at Patient level. */
	@Test
	void postKickoffWithPatientParameter() throws Exception {
		String token = exporter.authorization("system/Patient.rs system/Observation.rs");
		String body = "{\"resourceType\":\"Parameters\",\"parameter\":["
				+ "{\"name\":\"_type\",\"valueString\":\"Observation\"},"
				+ "{\"name\":\"patient\",\"valueReference\":{\"reference\":\"Patient/" + patientsOfA.get(3) + "\"}}]}";
		Map<String, String> headers = kickoffHeaders(token);
		headers.put("Content-Type", "application/fhir+json");
		HttpResponse<String> response = Http.send("POST", server.base(a) + "/Patient/$export", headers, body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		JsonNode manifest = manifest(response.headers().firstValue("Content-Location").orElseThrow(), token);
		assertThat(exported(manifest, token).get("Observation")).hasSize(50);
	}
}
