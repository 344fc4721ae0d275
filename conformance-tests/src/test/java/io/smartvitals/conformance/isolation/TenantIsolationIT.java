package io.smartvitals.conformance.isolation;

import static io.smartvitals.conformance.support.Http.fhir;
import static io.smartvitals.conformance.support.Http.get;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import io.smartvitals.conformance.support.Http;
import io.smartvitals.conformance.support.PostgresSuite;
import io.smartvitals.server.demo.SyntheticTenantData;
import io.smartvitals.server.demo.TenantPopulationLoader;
import io.smartvitals.server.demo.TenantPopulationLoader.Population;
import io.smartvitals.server.demo.VitalSignFactory;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Data created in tenant A never appears at tenant B, whatever B asks. Both tenants hold
 * look-alike populations (same identifiers, names and values), so a leak cannot hide behind
 * "different data"; what tells them apart is the set of resource ids each one was given.
 */
class TenantIsolationIT extends PostgresSuite {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
	private static final String A = "iso-a-" + SUFFIX;
	private static final String B = "iso-b-" + SUFFIX;
	/** An identifier that only tenant A holds. */
	private static final String ONLY_IN_A = "urn:smartvitals:test%7Conly-in-a-" + SUFFIX;

	private static Population inA;
	private static Population inB;
	private static String aPatient;
	private static String aObservation;

	@BeforeAll
	static void twoTenantsWithLookAlikeData() {
		FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		FHIR.getRestfulClientFactory().setSocketTimeout(120_000);
		Http.createTenant(server, A);
		Http.createTenant(server, B);
		LocalDate end = LocalDate.of(2026, 11, 1);
		inA = TenantPopulationLoader.load(b -> client(A).transaction().withBundle(b).execute(), "Same Name", 2, 3, end);
		inB = TenantPopulationLoader.load(b -> client(B).transaction().withBundle(b).execute(), "Same Name", 2, 3, end);
		aPatient = inA.patients().get(0);
		aObservation = inA.allResources().stream().filter(id -> id.startsWith("Observation/")).findFirst().orElseThrow();
		Patient onlyInA = SyntheticTenantData.patient(99, null);
		onlyInA.addIdentifier().setSystem("urn:smartvitals:test").setValue("only-in-a-" + SUFFIX);
		String created = client(A).create().resource(onlyInA).execute().getId().toUnqualifiedVersionless().getValue();
		inA.allResources().add(created);
	}

	private static IGenericClient client(String tenant) {
		IGenericClient client = FHIR.newRestfulGenericClient(server.base(tenant));
		client.registerInterceptor(new ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor(
				server.systemToken(tenant, "system/*.cruds system/access-policy")));
		return client;
	}

	private static String url(String tenant, String path) {
		return server.base(tenant) + "/" + path;
	}

	/** No resource of tenant A in the answer: entries, included and nested batch results alike. */
	private static void assertNothingOfA(HttpResponse<String> response) {
		assertNothingOf(inA, response);
	}

	/**
	 * Looks at returned resources only. Links and OperationOutcome diagnostics may echo the id the
	 * caller sent; that reveals nothing the caller did not already know.
	 */
	private static void assertNothingOf(Population tenant, HttpResponse<String> response) {
		if (!response.body().startsWith("{")) {
			return;
		}
		IBaseResource body = FHIR.newJsonParser().parseResource(response.body());
		for (String returned : returnedResources(body)) {
			for (String id : tenant.allResources()) {
				assertThat(returned).as("resource of the other tenant (%s) returned", id).doesNotContain(id.substring(id.indexOf('/') + 1));
			}
		}
	}

	private static List<String> returnedResources(IBaseResource resource) {
		List<String> returned = new ArrayList<>();
		if (resource instanceof OperationOutcome) {
			return returned;
		}
		if (resource instanceof Bundle bundle) {
			for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
				if (entry.hasFullUrl()) {
					returned.add(entry.getFullUrl());
				}
				if (entry.hasResource()) {
					returned.addAll(returnedResources(entry.getResource()));
				}
			}
			return returned;
		}
		returned.add(FHIR.newJsonParser().encodeResourceToString(resource));
		return returned;
	}

	private static int total(String tenant, String query) {
		Matcher m = Pattern.compile("\"total\":(\\d+)").matcher(get(url(tenant, query + (query.contains("?") ? "&" : "?") + "_summary=count")).body());
		assertThat(m.find()).isTrue();
		return Integer.parseInt(m.group(1));
	}

	private static void assertRefusedLikeAMissingId(String path, String missingPath) {
		HttpResponse<String> other = get(url(B, path));
		HttpResponse<String> missing = get(url(B, missingPath));
		assertThat(other.statusCode()).isEqualTo(404).isEqualTo(missing.statusCode());
		assertThat(other.body()).contains("OperationOutcome");
		String idOfA = path.split("/")[1];
		String idMissing = missingPath.split("/")[1];
		assertThat(other.body().replace(idOfA, "ID")).isEqualTo(missing.body().replace(idMissing, "ID"));
	}

	@Test
	void bothTenantsReallyHoldLookAlikeData() {
		assertThat(inA.patients()).hasSameSizeAs(inB.patients());
		assertThat(total(A, "Patient?identifier=MRN-00001")).isEqualTo(1);
		assertThat(total(B, "Patient?identifier=MRN-00001")).isEqualTo(1);
		assertThat(get(url(A, aPatient)).statusCode()).isEqualTo(200);
	}

	@Test
	void readOfAnIdOfTheOtherTenantIs404LikeAMissingId() {
		assertRefusedLikeAMissingId(aPatient, "Patient/" + UUID.randomUUID());
		assertRefusedLikeAMissingId(aObservation, "Observation/" + UUID.randomUUID());
	}

	@Test
	void vreadOfTheOtherTenantsResourceIs404() {
		assertRefusedLikeAMissingId(aPatient + "/_history/1", "Patient/" + UUID.randomUUID() + "/_history/1");
	}

	@Test
	void instanceHistoryOfTheOtherTenantsResourceIs404() {
		assertRefusedLikeAMissingId(aPatient + "/_history", "Patient/" + UUID.randomUUID() + "/_history");
	}

	@Test
	void typeAndSystemHistoryShowOnlyThisTenant() {
		HttpResponse<String> typeHistory = get(url(B, "Patient/_history?_count=500"));
		assertThat(typeHistory.statusCode()).isEqualTo(200);
		assertNothingOfA(typeHistory);
		assertThat(typeHistory.body()).contains(inB.patients().get(0).split("/")[1]);
		HttpResponse<String> systemHistory = get(url(B, "_history?_count=500"));
		assertThat(systemHistory.statusCode()).isEqualTo(200);
		assertNothingOfA(systemHistory);
	}

	@Test
	void searchesReturnOnlyThisTenantsResources() {
		for (String query : new String[] {
			"Patient?_count=500", "Observation?category=vital-signs&_count=500", "Patient?identifier=MRN-00001",
			"Observation?_id=" + aObservation.split("/")[1], "Patient?_id=" + aPatient.split("/")[1],
			"Patient?identifier=" + ONLY_IN_A, "Organization?_count=50"
		}) {
			HttpResponse<String> response = get(url(B, query));
			assertThat(response.statusCode()).as(query).isEqualTo(200);
			assertNothingOfA(response);
		}
		assertThat(total(B, "Patient?identifier=" + ONLY_IN_A)).isZero();
	}

	@Test
	void searchByTheOtherTenantsPatientReferenceFindsNothing() {
		HttpResponse<String> response = get(url(B, "Observation?patient=" + aPatient));
		assertThat(response.statusCode()).isIn(200, 404);
		assertNothingOfA(response);
	}

	@Test
	void includeAndRevincludeStayInTheTenant() {
		HttpResponse<String> include = get(url(B, "Observation?_include=Observation:patient&_count=500"));
		assertThat(include.statusCode()).isEqualTo(200);
		assertNothingOfA(include);
		HttpResponse<String> revinclude = get(url(B, "Patient?_revinclude=Observation:subject&_count=500"));
		assertThat(revinclude.statusCode()).isEqualTo(200);
		assertNothingOfA(revinclude);
		assertThat(revinclude.body()).contains(inB.patients().get(0).split("/")[1]);
	}

	@Test
	void hasAndChainedParametersDoNotReachTheOtherTenant() {
		HttpResponse<String> has = get(url(B, "Patient?_has:Observation:patient:_id=" + aObservation.split("/")[1]));
		assertThat(has.statusCode()).isEqualTo(200);
		assertNothingOfA(has);
		assertThat(total(B, "Patient?_has:Observation:patient:_id=" + aObservation.split("/")[1])).isZero();
		HttpResponse<String> chain = get(url(B, "Observation?patient.identifier=MRN-00001&_count=500"));
		assertThat(chain.statusCode()).isEqualTo(200);
		assertNothingOfA(chain);
		assertThat(total(B, "Observation?patient.identifier=" + ONLY_IN_A)).isZero();
	}

	@Test
	void conditionalCreateMatchingAnIdentifierOnlyInTheOtherTenantCreatesHere() {
		Patient patient = SyntheticTenantData.patient(98, null);
		// HAPI requires the new resource to satisfy its own If-None-Exist criteria.
		patient.addIdentifier().setSystem("urn:smartvitals:test").setValue("only-in-a-" + SUFFIX);
		HttpResponse<String> response = Http.send("POST", url(B, "Patient"), Map.of(
				"Content-Type", "application/fhir+json", "If-None-Exist", "identifier=" + ONLY_IN_A),
				FHIR.newJsonParser().encodeResourceToString(patient));
		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(total(A, "Patient?identifier=" + ONLY_IN_A)).isEqualTo(1);
		assertThat(total(B, "Patient?identifier=" + ONLY_IN_A)).isEqualTo(1);
		assertNothingOfA(response);
	}

	@Test
	void conditionalUpdateMatchingOnlyTheOtherTenantNeverTouchesIt() {
		String marker = "cond-upd-" + SUFFIX;
		Patient patient = SyntheticTenantData.patient(97, null);
		patient.addIdentifier().setSystem("urn:smartvitals:test").setValue(marker);
		HttpResponse<String> response = fhir("PUT", url(B, "Patient?identifier=" + ONLY_IN_A), FHIR.newJsonParser().encodeResourceToString(patient));
		assertThat(response.statusCode()).isIn(201, 400, 404, 412);
		assertNothingOfA(response);
		HttpResponse<String> inTenantA = get(url(A, "Patient?identifier=" + ONLY_IN_A));
		assertThat(inTenantA.body()).doesNotContain(marker).contains("\"versionId\":\"1\"");
	}

	@Test
	void conditionalDeleteMatchingOnlyTheOtherTenantDeletesNothingThere() {
		HttpResponse<String> response = Http.send("DELETE", url(B, "Patient?identifier=" + ONLY_IN_A), Map.of("Accept", "application/fhir+json"), null);
		assertThat(response.statusCode()).isIn(200, 204, 404, 412);
		assertThat(total(A, "Patient?identifier=" + ONLY_IN_A)).isEqualTo(1);
	}

	@Test
	void conditionalPatchMatchingOnlyTheOtherTenantChangesNothing() {
		String patch = "[{\"op\":\"replace\",\"path\":\"/gender\",\"value\":\"other\"}]";
		HttpResponse<String> response = Http.send("PATCH", url(B, "Patient?identifier=" + ONLY_IN_A),
				Map.of("Content-Type", "application/json-patch+json", "Accept", "application/fhir+json"), patch);
		assertThat(response.statusCode()).isIn(400, 404, 412);
		assertThat(get(url(A, "Patient?identifier=" + ONLY_IN_A)).body()).doesNotContain("\"gender\":\"other\"");
	}

	@Test
	void updatePatchAndDeleteByIdOfTheOtherTenantsResourceChangeNothing() {
		Patient patient = SyntheticTenantData.patient(1, null);
		patient.setId(aPatient.split("/")[1]);
		patient.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.OTHER);
		assertThat(fhir("PUT", url(B, aPatient), FHIR.newJsonParser().encodeResourceToString(patient)).statusCode()).isEqualTo(404);
		assertThat(Http.send("PATCH", url(B, aPatient), Map.of("Content-Type", "application/json-patch+json"),
				"[{\"op\":\"replace\",\"path\":\"/gender\",\"value\":\"other\"}]").statusCode()).isIn(400, 404);
		Http.send("DELETE", url(B, aPatient), Map.of(), null);
		HttpResponse<String> stillThere = get(url(A, aPatient));
		assertThat(stillThere.statusCode()).isEqualTo(200);
		assertThat(stillThere.body()).contains("\"versionId\":\"1\"").doesNotContain("\"gender\":\"other\"");
	}

	@Test
	void aTransactionReferencingTheOtherTenantsPatientIsRefusedAndWritesNothing() {
		for (String reference : new String[] {aPatient, server.base(A) + "/" + aPatient}) {
			int before = total(B, "Observation");
			int beforeInA = total(A, "Observation");
			Bundle transaction = SyntheticTenantData.transaction();
			SyntheticTenantData.add(transaction, VitalSignFactory.measurement(
					VitalSignFactory.Kind.HEART_RATE, reference, Instant.parse("2026-11-01T08:00:00Z"), 70));
			HttpResponse<String> response = fhir("POST", server.base(B), FHIR.newJsonParser().encodeResourceToString(transaction));
			assertThat(response.statusCode()).as(reference).isBetween(400, 499);
			assertThat(response.body()).contains("OperationOutcome");
			assertThat(total(B, "Observation")).isEqualTo(before);
			assertThat(total(A, "Observation")).isEqualTo(beforeInA);
		}
	}

	@Test
	void aBatchEntryReadingTheOtherTenantsResourceFindsNothing() {
		String batch = "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[{\"request\":{\"method\":\"GET\",\"url\":\""
				+ aPatient + "\"}},{\"request\":{\"method\":\"GET\",\"url\":\"Observation?subject=" + aPatient + "\"}}]}";
		HttpResponse<String> response = fhir("POST", server.base(B), batch);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"status\":\"404");
		assertNothingOfA(response);
	}

	@Test
	void aPagingLinkOfTheOtherTenantIsRefusedLikeAnUnknownOne() {
		Bundle firstPage = client(A).search().byUrl("Observation?_count=2").returnBundle(Bundle.class).execute();
		String next = firstPage.getLink("next").getUrl();
		assertThat(get(next).statusCode()).isEqualTo(200);
		String asB = next.replace("/fhir/" + A + "?", "/fhir/" + B + "?").replace("/fhir/" + A + "/", "/fhir/" + B + "/");
		assertThat(asB).isNotEqualTo(next);
		HttpResponse<String> stolen = get(asB);
		HttpResponse<String> unknown = get(asB.replaceFirst("_getpages=[^&]+", "_getpages=" + UUID.randomUUID()));
		assertThat(stolen.statusCode()).isEqualTo(404).isEqualTo(unknown.statusCode());
		assertThat(stolen.body()).isEqualTo(unknown.body());
		assertNothingOfA(stolen);
	}

	@Test
	void everythingOfTheOtherTenantsPatientIs404() {
		HttpResponse<String> response = get(url(B, aPatient + "/$everything"));
		assertThat(response.statusCode()).isEqualTo(404);
		assertNothingOfA(response);
		assertThat(get(url(A, aPatient + "/$everything")).statusCode()).isEqualTo(200);
	}

	@Test
	void pathTricksNeverMixTenants() {
		// Each trick either is refused, or normalises to one tenant's URL and gets only that tenant's data.
		Map<String, Population> mayOnlyReach = new java.util.LinkedHashMap<>();
		mayOnlyReach.put("/fhir/" + A + "/../" + B + "/Patient", inB);
		mayOnlyReach.put("/fhir/" + B + "/../" + A + "/Patient", inA);
		mayOnlyReach.put("/fhir/" + B + ";x=" + A + "/Patient", inB);
		for (Map.Entry<String, Population> trick : mayOnlyReach.entrySet()) {
			HttpResponse<String> response = Http.send("GET", server.root() + trick.getKey(), Map.of("Accept", "application/fhir+json"), null);
			assertThat(response.statusCode()).as(trick.getKey()).isIn(200, 400, 404);
			assertNothingOf(trick.getValue() == inA ? inB : inA, response);
		}
		for (String refused : new String[] {
			"/fhir/" + A + "%2F..%2F" + B + "/Patient", "/fhir/" + A.toUpperCase() + "/Patient", "/fhir/%20" + A + "/Patient",
			"/fhir/" + A + "%20/Patient", "/fhir/" + A + "%00/Patient", "/fhir/DEFAULT/Patient", "/fhir/Patient",
			"/fhir//" + A + "/Patient", "/fhir/./" + A + "/Patient", "/fhir/" + B + "/%2e%2e/" + A + "/Patient"
		}) {
			HttpResponse<String> response = Http.send("GET", server.root() + refused, Map.of("Accept", "application/fhir+json"), null);
			assertThat(response.statusCode()).as(refused).isBetween(400, 404);
			assertNothingOfA(response);
			assertNothingOf(inB, response);
		}
	}

	@Test
	@org.junit.jupiter.api.DisplayName("issue 19: a tenant id with a control character answers 404 at every door, like other padded variants")
	void controlCharactersInTheTenantIdAre404() {
		for (String padding : new String[] {"%09", "%0A", "%0D", "%0B", "%0C", "%1F", "%7F", "%C2%A0", "%E2%80%8B"}) {
			for (String path : new String[] {
				"/fhir/" + A + padding + "/Patient", "/fhir/" + padding + A + "/Patient", "/fhir/" + A + padding + "/metadata",
				"/fhir/" + A + padding + "/.well-known/smart-configuration", "/auth/" + A + padding + "/.well-known/openid-configuration",
				"/auth/" + A + padding + "/jwks", "/auth/" + A + padding + "/authorize?client_id=x&response_type=code"
			}) {
				HttpResponse<String> response = Http.send("GET", server.root() + path, Map.of("Accept", "application/fhir+json"), null);
				assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(404);
				assertNothingOfA(response);
			}
		}
	}

	@Test
	void tenantHeadersAreIgnored() {
		for (String header : new String[] {"X-Tenant", "X-Tenant-Id", "X-Partition-Name", "X-Request-Partition"}) {
			HttpResponse<String> response = Http.send("GET", url(B, "Patient?_count=500"),
					Map.of(header, A, "Accept", "application/fhir+json"), null);
			assertThat(response.statusCode()).isEqualTo(200);
			assertNothingOfA(response);
		}
	}
}
