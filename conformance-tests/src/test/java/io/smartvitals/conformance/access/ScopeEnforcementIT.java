package io.smartvitals.conformance.access;

import static io.smartvitals.conformance.access.TwoTenants.id;
import static io.smartvitals.conformance.access.TwoTenants.json;
import static io.smartvitals.conformance.access.TwoTenants.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import io.smartvitals.conformance.support.Http;
import io.smartvitals.conformance.support.PostgresSuite;
import io.smartvitals.server.demo.SyntheticTenantData;
import io.smartvitals.server.demo.TenantPopulationLoader.Population;
import io.smartvitals.server.demo.VitalSignFactory;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SMART scopes at every FHIR interaction, on PostgreSQL over HTTP: patient/ tokens stay in their
 * patient's compartment (ATTACKS P1-P4), granular vitals-only tokens see vitals only (P5),
 * user/ tokens see the patients of their organization and those below it (P6), and every
 * interaction type is allowed with the right scope and refused without it.
 */
class ScopeEnforcementIT extends PostgresSuite {

	private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
	private static final String T = "scope-" + SUFFIX;
	private static final String VITALS = "http://terminology.hl7.org/CodeSystem/observation-category|vital-signs";
	private static Population data;
	private static String x;
	private static String y;
	private static String xVital;
	private static String yVital;
	private static String xLab;

	@BeforeAll
	static void population() {
		data = TwoTenants.populate(server, T);
		x = id(data.patients().get(0));
		y = id(data.patients().get(1));
		xVital = firstId("Observation?patient=" + x + "&category=vital-signs");
		yVital = firstId("Observation?patient=" + y + "&category=vital-signs");
		xLab = firstId("Observation?patient=" + x + "&category=laboratory");
	}

	private static String firstId(String query) {
		Matcher m = Pattern.compile("\"resource\":\\{\"resourceType\":\"\\w+\",\"id\":\"([^\"]+)\"").matcher(Http.get(url(query)).body());
		assertThat(m.find()).as(query).isTrue();
		return m.group(1);
	}

	private static String url(String path) {
		return server.base(T) + "/" + path;
	}

	private static String patientToken(String scopes, String patient) {
		return "Bearer " + server.patientToken(T, scopes, patient, "patient-app");
	}

	private static HttpResponse<String> as(String authorization, String method, String path, String body) {
		return Http.send(method, url(path), Map.of("Authorization", authorization, "Accept", "application/fhir+json",
				"Content-Type", path.contains("_search") ? "application/x-www-form-urlencoded" : "application/fhir+json"), body);
	}

	private static HttpResponse<String> get(String authorization, String path) {
		return as(authorization, "GET", path, null);
	}

	private static List<String> observationSubjects(HttpResponse<String> response) {
		Bundle bundle = TwoTenants.FHIR.newJsonParser().parseResource(Bundle.class, response.body());
		return bundle.getEntry().stream().filter(e -> e.getResource() instanceof Observation)
				.map(e -> ((Observation) e.getResource()).getSubject().getReferenceElement().getIdPart()).toList();
	}

	private static int entries(HttpResponse<String> response) {
		return TwoTenants.FHIR.newJsonParser().parseResource(Bundle.class, response.body()).getEntry().size();
	}

	private static void assertForbidden(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
		assertThat(response.body()).contains("OperationOutcome").contains("Access denied");
	}

	private static void assertLikeMissing(String authorization, String path, String missingPath) {
		HttpResponse<String> hidden = get(authorization, path);
		HttpResponse<String> missing = get(authorization, missingPath);
		assertThat(hidden.statusCode()).as(hidden.body()).isEqualTo(404).isEqualTo(missing.statusCode());
		String hiddenId = path.split("/")[1];
		String missingId = missingPath.split("/")[1];
		assertThat(hidden.body().replace(hiddenId, "ID")).isEqualTo(missing.body().replace(missingId, "ID"));
	}

	// --- P1, P2: patient/ tokens see their own compartment only --------------------------------

	@Test
	void patientTokenReadsItsOwnPatientAndVitals() {
		String token = patientToken("patient/*.rs", x);
		assertThat(get(token, "Patient/" + x).statusCode()).isEqualTo(200);
		assertThat(get(token, "Observation/" + xVital).statusCode()).isEqualTo(200);
		assertThat(get(token, "Observation/" + xVital + "/_history/1").statusCode()).isEqualTo(200);
	}

	@Test
	void patientTokenReadingAnotherPatientsDataIsAnsweredLikeAMissingId() {
		String token = patientToken("patient/*.rs", x);
		assertLikeMissing(token, "Patient/" + y, "Patient/" + UUID.randomUUID());
		assertLikeMissing(token, "Observation/" + yVital, "Observation/" + UUID.randomUUID());
		assertLikeMissing(token, "Observation/" + yVital + "/_history/1", "Observation/" + UUID.randomUUID() + "/_history/1");
		assertLikeMissing(token, "Observation/" + yVital + "/_history", "Observation/" + UUID.randomUUID() + "/_history");
		assertLikeMissing(token, "Patient/" + y + "/$everything", "Patient/" + UUID.randomUUID() + "/$everything");
	}

	@Test
	void patientTokenSearchesReturnOnlyItsPatientsData() {
		String token = patientToken("patient/*.rs", x);
		for (String query : new String[] {
			"Observation?_count=200", "Observation?subject=Patient/" + y,
			"Observation?_id=" + yVital, "Observation?patient=" + y + "&category=vital-signs",
			"Observation?code=http://loinc.org%7C8867-4&_count=200", "Observation?patient.identifier=MRN-00002"
		}) {
			HttpResponse<String> response = get(token, query);
			// Refused (403: outside the compartment) or narrowed to the compartment (200).
			assertThat(response.statusCode()).as(query).isIn(200, 400, 403);
			if (response.statusCode() == 200) {
				assertThat(observationSubjects(response)).as(query).allMatch(x::equals);
			}
		}
		assertThat(observationSubjects(get(token, "Observation?_count=200"))).isNotEmpty();
		HttpResponse<String> patients = get(token, "Patient");
		assertThat(patients.body()).contains(x).doesNotContain(y);
		HttpResponse<String> posted = as(token, "POST", "Observation/_search", "category=vital-signs&_count=200");
		assertThat(posted.statusCode()).isEqualTo(200);
		assertThat(observationSubjects(posted)).isNotEmpty().allMatch(x::equals);
	}

	@Test
	void includesRevincludesAndHasStayInTheCompartment() {
		String token = patientToken("patient/*.rs", x);
		HttpResponse<String> include = get(token, "Observation?_include=Observation:patient&_count=200");
		assertThat(include.body()).contains("\"id\":\"" + x + "\"").doesNotContain(y);
		HttpResponse<String> revinclude = get(token, "Patient?_revinclude=Observation:subject&_count=200");
		assertThat(revinclude.body()).doesNotContain(yVital).doesNotContain(y);
		// _has filters what the token sees by what it may not see: refused, not narrowed.
		assertForbidden(get(token, "Patient?_has:Observation:patient:_id=" + yVital));
	}

	@Test
	void failedSearchesNeverAnswerWithSqlOrStackFragments() {
		List<String> practitioners = ofType(data, "Practitioner");
		String user = "Bearer " + server.userToken(T, "user/*.rs", practitioners.get(0), "ehr");
		String system = "Bearer " + server.systemToken(T, "system/*.rs");
		List<Integer> statuses = new java.util.ArrayList<>();
		for (String token : List.of(user, system)) {
			for (String query : List.of("Observation?subject:missing=true", "Observation?patient:missing=false&_count=5",
					"Patient?organization:missing=true", "Observation?value-quantity:missing=true&code:missing=false",
					"Patient?_has:Observation:patient:code:missing=true", "Observation?subject.name:missing=true")) {
				HttpResponse<String> response = get(token, query);
				statuses.add(response.statusCode());
				assertThat(response.body()).as(query).doesNotContainIgnoringCase("select ").doesNotContain("HFJ_")
						.doesNotContain("hibernate").doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("SQL");
				if (response.statusCode() >= 500) {
					assertThat(response.body()).as(query).contains("The server could not complete this request; request id");
				}
			}
		}
		assertThat(statuses).as("answered, one way or another").allMatch(status -> status == 200 || status == 400 || status == 403 || status == 500);
	}

	@Test
	void reverseChainsNeedTheWholeTenantOnEveryBaseType() {
		String token = patientToken("patient/*.rs", x);
		// Would answer whether a patient with that MRN exists and which organization holds them.
		for (String query : List.of("Organization?_has:Patient:organization:identifier=MRN-00002",
				"Organization?_has:Patient:organization:_id=" + y,
				"Practitioner?_has:PractitionerRole:practitioner:organization:missing=false",
				"Observation?_has:Observation:has-member:status=final")) {
			HttpResponse<String> response = get(token, query);
			assertThat(response.statusCode()).as(query).isEqualTo(403);
			assertThat(response.body()).as(query).contains("beyond the caller's reach");
		}
		// The whole tenant's view may filter by the whole tenant.
		assertThat(Http.get(url("Organization?_has:Patient:organization:_id=" + y)).statusCode()).isEqualTo(200);
	}

	@Test
	void aClinicPractitionersReverseChainIsRefusedAtOnceAndATenantWideOneRuns() {
		// Once, such a search ran under the reach filter for a minute and ended in a 500.
		String clinic = "Bearer " + server.userToken(T, "user/*.rs", ofType(data, "Practitioner").get(0), "ehr");
		String query = "Patient?_has:Observation:patient:code=http://loinc.org%7C8867-4&_count=5";
		HttpResponse<String> refused = get(clinic, query);
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("beyond the caller's reach");
		String wide = createPractitionerWithRole(data.organizations().get(1), "tenant-wide");
		HttpResponse<String> runs = get("Bearer " + server.userToken(T, "user/*.rs", "Practitioner/" + wide, "ehr"), query);
		assertThat(runs.statusCode()).as(runs.body()).isEqualTo(200);
		assertThat(runs.body()).contains("\"resourceType\":\"Bundle\"");
	}

	@Test
	void historyOfTypeAndSystemShowsOnlyTheCompartment() {
		String token = patientToken("patient/*.rs", x);
		HttpResponse<String> typeHistory = get(token, "Observation/_history?_count=200");
		assertThat(typeHistory.statusCode()).isEqualTo(200);
		assertThat(observationSubjects(typeHistory)).allMatch(x::equals);
		assertThat(typeHistory.body()).doesNotContain(yVital);
		HttpResponse<String> systemHistory = get(token, "_history?_count=200");
		assertThat(systemHistory.statusCode()).isEqualTo(200);
		assertThat(systemHistory.body()).doesNotContain(yVital).doesNotContain("\"id\":\"" + y + "\"");
		assertForbidden(get(patientToken("patient/Observation.rs", x), "_history"));
	}

	@Test
	void patientTokenCannotUpdateOrDeleteAnotherPatientsVital() {
		String token = patientToken("patient/*.cruds", x);
		Observation changed = (Observation) TwoTenants.FHIR.newJsonParser().parseResource(Http.get(url("Observation/" + yVital)).body());
		changed.setStatus(Observation.ObservationStatus.AMENDED);
		HttpResponse<String> update = as(token, "PUT", "Observation/" + yVital, json(changed));
		assertThat(update.statusCode()).isEqualTo(404);
		assertThat(Http.send("PATCH", url("Observation/" + yVital), Map.of("Authorization", token, "Content-Type", "application/json-patch+json"),
				"[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"amended\"}]").statusCode()).isEqualTo(404);
		assertThat(as(token, "DELETE", "Observation/" + yVital, null).statusCode()).isIn(404);
		assertThat(Http.get(url("Observation/" + yVital)).body()).contains("\"versionId\":\"1\"").contains("\"status\":\"final\"");
	}

	// --- P3, P4: writes ------------------------------------------------------------------------

	@Test
	void patientTokenCreatingAVitalForAnotherPatientIsRefusedAndNothingIsStored() {
		String token = patientToken("patient/Observation.cruds", x);
		int before = entries(Http.get(url("Observation?patient=" + y + "&_count=500")));
		Observation vital = VitalSignFactory.measurement(VitalSignFactory.Kind.HEART_RATE, "Patient/" + y, Instant.parse("2026-11-02T08:00:00Z"), 70);
		assertForbidden(as(token, "POST", "Observation", json(vital)));
		Bundle transaction = SyntheticTenantData.transaction();
		SyntheticTenantData.add(transaction, VitalSignFactory.measurement(VitalSignFactory.Kind.HEART_RATE, "Patient/" + x, Instant.parse("2026-11-02T08:00:00Z"), 71));
		SyntheticTenantData.add(transaction, vital);
		assertForbidden(Http.send("POST", server.base(T), Map.of("Authorization", token, "Content-Type", "application/fhir+json"), json(transaction)));
		assertThat(entries(Http.get(url("Observation?patient=" + y + "&_count=500")))).isEqualTo(before);
		assertThat(Http.get(url("Observation?patient=" + x + "&value-quantity=71")).body()).doesNotContain("\"value\":71");
	}

	@Test
	void patientTokenCreatesAndUpdatesItsOwnVital() {
		String token = patientToken("patient/Observation.cruds", x);
		Observation vital = VitalSignFactory.measurement(VitalSignFactory.Kind.HEART_RATE, "Patient/" + x, Instant.parse("2026-11-03T08:00:00Z"), 66);
		HttpResponse<String> created = as(token, "POST", "Observation", json(vital));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String id = created.headers().firstValue("Location").orElseThrow().replaceFirst(".*/Observation/([^/]+)/.*", "$1");
		vital.setId(id);
		vital.setStatus(Observation.ObservationStatus.AMENDED);
		assertThat(as(token, "PUT", "Observation/" + id, json(vital)).statusCode()).isEqualTo(200);
		vital.setSubject(new org.hl7.fhir.r4.model.Reference("Patient/" + y));
		assertForbidden(as(token, "PUT", "Observation/" + id, json(vital)));
		assertThat(as(token, "DELETE", "Observation/" + id, null).statusCode()).isIn(200, 204);
	}

	@Test
	void readAndSearchScopesAllowNoWrites() {
		String token = patientToken("patient/Observation.rs", x);
		Observation vital = VitalSignFactory.measurement(VitalSignFactory.Kind.HEART_RATE, "Patient/" + x, Instant.parse("2026-11-02T09:00:00Z"), 70);
		assertForbidden(as(token, "POST", "Observation", json(vital)));
		vital.setId(xVital);
		assertForbidden(as(token, "PUT", "Observation/" + xVital, json(vital)));
		assertForbidden(as(token, "DELETE", "Observation/" + xVital, null));
		assertForbidden(Http.send("PATCH", url("Observation/" + xVital), Map.of("Authorization", token, "Content-Type", "application/json-patch+json"), "[]"));
		assertForbidden(Http.send("POST", url("Observation"), Map.of("Authorization", token, "Content-Type", "application/fhir+json",
				"If-None-Exist", "code=8867-4"), json(vital)));
		assertForbidden(as(token, "DELETE", "Observation?code=8867-4", null));
		assertForbidden(get(token, "Patient/" + x));
		assertForbidden(get(token, "Patient?_id=" + x));
	}

	@Test
	void conditionalWritesActInsideTheCompartmentOnly() {
		String token = patientToken("patient/Patient.cruds", x);
		Patient me = (Patient) TwoTenants.FHIR.newJsonParser().parseResource(Http.get(url("Patient/" + x)).body());
		me.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.OTHER);
		// MRN-00002 is patient y: narrowed to x's compartment, the condition matches nothing there.
		HttpResponse<String> update = as(token, "PUT", "Patient?identifier=MRN-00002", json(me.setId((String) null)));
		assertThat(update.statusCode()).isIn(400, 403, 404, 412);
		assertThat(Http.get(url("Patient/" + y)).body()).doesNotContain("\"gender\":\"other\"");
		assertThat(as(token, "DELETE", "Patient?identifier=MRN-00002", null).statusCode()).isIn(200, 204, 403, 404, 412);
		assertThat(Http.get(url("Patient/" + y)).statusCode()).isEqualTo(200);
	}

	// --- P5, A4: granular vitals-only scopes -----------------------------------------------------

	@Test
	void vitalsOnlyTokenNeverSeesLaboratoryObservations() {
		String token = patientToken("patient/Observation.rs?category=" + VITALS + " patient/Patient.rs", x);
		assertThat(get(token, "Observation/" + xVital).statusCode()).isEqualTo(200);
		assertLikeMissing(token, "Observation/" + xLab, "Observation/" + UUID.randomUUID());
		HttpResponse<String> all = get(token, "Observation?_count=200");
		assertThat(all.statusCode()).isEqualTo(200);
		assertThat(all.body()).doesNotContain(xLab).doesNotContain("\"laboratory\"");
		int unrestrictedVitals = entries(get(patientToken("patient/Observation.rs", x), "Observation?category=vital-signs&_count=200"));
		assertThat(entries(all)).isEqualTo(unrestrictedVitals);
		assertThat(entries(get(token, "Observation?category=laboratory"))).isZero();
		HttpResponse<String> everything = get(token, "Patient/" + x + "/$everything?_count=200");
		assertThat(everything.statusCode()).isEqualTo(200);
		assertThat(everything.body()).contains(xVital).doesNotContain(xLab);
		HttpResponse<String> include = get(token, "Patient?_revinclude=Observation:subject&_count=200");
		assertThat(include.body()).doesNotContain(xLab);
		assertForbidden(get(token, "Patient?_has:Observation:patient:code=http://loinc.org%7C2339-0"));
	}

	@Test
	void separateReadAndSearchGranularScopesCombine() {
		String token = patientToken("patient/Observation.r?category=" + VITALS + " patient/Observation.s?category=" + VITALS, x);
		assertThat(entries(get(token, "Observation?_count=200"))).isPositive();
		assertThat(get(token, "Observation?_count=200").body()).doesNotContain(xLab);
	}

	// --- P6: user/ tokens and the organization tree -----------------------------------------------

	@Test
	void clinicPractitionerSeesOwnClinicsPatientsButNotTheSiblingClinics() {
		List<String> practitioners = ofType(data, "Practitioner");
		String clinicOne = "Bearer " + server.userToken(T, "user/*.rs", practitioners.get(0), "ehr");
		assertThat(get(clinicOne, "Patient/" + x).statusCode()).isEqualTo(200);
		assertLikeMissing(clinicOne, "Patient/" + y, "Patient/" + UUID.randomUUID());
		assertLikeMissing(clinicOne, "Observation/" + yVital, "Observation/" + UUID.randomUUID());
		HttpResponse<String> search = get(clinicOne, "Observation?_count=200");
		assertThat(observationSubjects(search)).isNotEmpty().allMatch(x::equals);
		assertThat(get(clinicOne, "Patient?_count=50").body()).contains(x).doesNotContain(y);
	}

	@Test
	void practitionerOfTheParentOrganizationSeesEveryClinicBelowIt() {
		String top = data.organizations().get(0);
		String practitioner = createPractitionerWithRole(top, null);
		String token = "Bearer " + server.userToken(T, "user/*.rs", "Practitioner/" + practitioner, "ehr");
		assertThat(get(token, "Patient/" + x).statusCode()).isEqualTo(200);
		assertThat(get(token, "Patient/" + y).statusCode()).isEqualTo(200);
	}

	@Test
	void tenantWideRoleSeesEveryPatientAndUserWithoutRoleSeesNone() {
		String lonely = createPractitionerWithRole(null, null);
		String none = "Bearer " + server.userToken(T, "user/*.rs", "Practitioner/" + lonely, "ehr");
		assertThat(get(none, "Patient/" + x).statusCode()).isEqualTo(404);
		String wide = createPractitionerWithRole(data.organizations().get(1), "tenant-wide");
		String token = "Bearer " + server.userToken(T, "user/*.rs", "Practitioner/" + wide, "ehr");
		assertThat(get(token, "Patient/" + y).statusCode()).isEqualTo(200);
	}

	@Test
	void clinicPractitionerCannotCreateVitalsForAnotherClinicsPatient() {
		String token = "Bearer " + server.userToken(T, "user/Observation.cruds", ofType(data, "Practitioner").get(0), "ehr");
		Observation vital = VitalSignFactory.measurement(VitalSignFactory.Kind.HEART_RATE, "Patient/" + y, Instant.parse("2026-11-02T10:00:00Z"), 70);
		assertForbidden(as(token, "POST", "Observation", json(vital)));
		vital.setSubject(new org.hl7.fhir.r4.model.Reference("Patient/" + x));
		assertThat(as(token, "POST", "Observation", json(vital)).statusCode()).isEqualTo(201);
	}

	static String createPractitionerWithRole(String organization, String accessCode) {
		String practitioner = TwoTenants.system(server, T).create().resource(new org.hl7.fhir.r4.model.Practitioner()).execute().getId().getIdPart();
		org.hl7.fhir.r4.model.PractitionerRole role = new org.hl7.fhir.r4.model.PractitionerRole();
		role.setPractitioner(new org.hl7.fhir.r4.model.Reference("Practitioner/" + practitioner));
		if (organization != null) {
			role.setOrganization(new org.hl7.fhir.r4.model.Reference(organization));
		}
		if (accessCode != null) {
			role.addCode().addCoding().setSystem("urn:smartvitals:access").setCode(accessCode);
		}
		TwoTenants.system(server, T).create().resource(role).execute();
		return practitioner;
	}

	// --- Every interaction type: scopes at the interaction level --------------------------------

	@Test
	void eachInteractionNeedsItsOwnPermission() {
		String readOnly = patientToken("patient/Observation.r", x);
		assertThat(get(readOnly, "Observation/" + xVital).statusCode()).isEqualTo(200);
		assertForbidden(get(readOnly, "Observation?category=vital-signs"));
		assertForbidden(get(readOnly, "Observation/_history"));
		String searchOnly = patientToken("patient/Observation.s", x);
		assertThat(get(searchOnly, "Observation?category=vital-signs").statusCode()).isEqualTo(200);
		assertForbidden(get(searchOnly, "Observation/" + xVital));
		assertForbidden(get(searchOnly, "Observation/" + xVital + "/_history"));
	}

	@Test
	void serverMaintenanceOperationsAndGraphqlAreRefusedForEveryToken() {
		String system = server.systemAuthorization(T);
		for (String path : new String[] {"$expunge", "Patient/$expunge", "$reindex", "$mark-all-resources-for-reindex",
				"$partition-management-create-partition", "$graphql", "$get-resource-counts", "$diff", "Patient/" + x + "/$expunge"}) {
			HttpResponse<String> response = as(system, "POST", path, "{\"resourceType\":\"Parameters\"}");
			assertThat(response.statusCode()).as(path).isEqualTo(403);
			assertThat(response.body()).contains("OperationOutcome");
		}
	}

	@Test
	void exportIsRefusedToNonBackendTokens() {
		HttpResponse<String> asPatient = Http.send("GET", url("Patient/$export"), Map.of("Authorization", patientToken("patient/*.rs", x),
				"Accept", "application/fhir+json", "Prefer", "respond-async"), null);
		assertThat(asPatient.statusCode()).isEqualTo(403);
		HttpResponse<String> asUser = Http.send("GET", server.base(T) + "/$export", Map.of("Authorization",
				"Bearer " + server.userToken(T, "user/*.rs", ofType(data, "Practitioner").get(0), "ehr"), "Accept", "application/fhir+json"), null);
		assertThat(asUser.statusCode()).isEqualTo(403);
	}

	@Test
	void metaOperationsFollowTheInstanceVisibility() {
		String token = patientToken("patient/*.cruds", x);
		assertThat(get(token, "Observation/" + xVital + "/$meta").statusCode()).isEqualTo(200);
		assertLikeMissing(token, "Observation/" + yVital + "/$meta", "Observation/" + UUID.randomUUID() + "/$meta");
		String tag = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"meta\",\"valueMeta\":{\"tag\":[{\"system\":\"urn:t\",\"code\":\"x\"}]}}]}";
		assertThat(as(token, "POST", "Observation/" + yVital + "/$meta-add", tag).statusCode()).isEqualTo(404);
		assertForbidden(get(token, "Observation/$meta"));
		assertThat(as(patientToken("patient/Observation.rs", x), "POST", "Observation/" + xVital + "/$meta-add", tag).statusCode()).isEqualTo(403);
	}

	@Test
	void batchEntriesAreEachConfinedAndATransactionWithADeniedEntryWritesNothing() {
		String token = patientToken("patient/*.rs", x);
		String batch = "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[{\"request\":{\"method\":\"GET\",\"url\":\"Patient/" + y
				+ "\"}},{\"request\":{\"method\":\"GET\",\"url\":\"Observation?subject=Patient/" + y + "\"}},{\"request\":{\"method\":\"GET\",\"url\":\"Patient/" + x + "\"}}]}";
		HttpResponse<String> response = Http.send("POST", server.base(T), Map.of("Authorization", token, "Content-Type", "application/fhir+json"), batch);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).doesNotContain(yVital).contains("\"id\":\"" + x + "\"");
		assertThat(response.body().replace("Patient/" + y, "")).doesNotContain("\"id\":\"" + y + "\"");
	}

	@Test
	void pagingLinkOfOneTokenIsRefusedToAnotherTokenOfTheSameTenant() {
		String mine = patientToken("patient/*.rs", x);
		Bundle page = TwoTenants.FHIR.newJsonParser().parseResource(Bundle.class, get(mine, "Observation?_count=2").body());
		String next = page.getLink("next").getUrl();
		assertThat(Http.send("GET", next, Map.of("Authorization", mine, "Accept", "application/fhir+json"), null).statusCode()).isEqualTo(200);
		String other = patientToken("patient/*.rs", x).replace("patient-user", "x");
		HttpResponse<String> stolen = Http.send("GET", next, Map.of("Authorization", "Bearer " + server.systemToken(T, "system/*.rs"),
				"Accept", "application/fhir+json"), null);
		HttpResponse<String> unknown = Http.send("GET", next.replaceFirst("_getpages=[^&]+", "_getpages=" + UUID.randomUUID()),
				Map.of("Authorization", "Bearer " + server.systemToken(T, "system/*.rs"), "Accept", "application/fhir+json"), null);
		assertThat(stolen.statusCode()).isEqualTo(404).isEqualTo(unknown.statusCode());
		assertThat(stolen.body()).isEqualTo(unknown.body());
		assertThat(other).isNotEmpty();
	}

	@Test
	void countsAndPagesAreCappedAndIncludeIterateStaysResponsive() {
		String system = server.systemAuthorization(T);
		HttpResponse<String> huge = get(system, "Observation?_count=5000000");
		assertThat(huge.statusCode()).isEqualTo(200);
		assertThat(entries(huge)).isLessThanOrEqualTo(200);
		HttpResponse<String> iterate = get(system, "Observation?_include:iterate=Observation:patient&_include:iterate=Patient:organization&_include:iterate=Organization:partof&_count=200");
		assertThat(iterate.statusCode()).isEqualTo(200);
		assertThat(get(system, "Patient?_count=1").statusCode()).isEqualTo(200);
	}

	@Test
	void badInputIsA4xxOperationOutcomeAndStoresNothing() {
		String system = server.systemAuthorization(T);
		int before = entries(get(system, "Patient?_count=500"));
		assertThat(as(system, "POST", "Patient", "{\"resourceType\":\"Patient\",").statusCode()).isEqualTo(400);
		assertThat(as(system, "POST", "Patient", "{\"resourceType\":\"Observation\",\"status\":\"final\"}").statusCode()).isBetween(400, 422);
		HttpResponse<String> wrongType = Http.send("POST", url("Patient"), Map.of("Authorization", system, "Content-Type", "text/plain"), "hello");
		assertThat(wrongType.statusCode()).isBetween(400, 415);
		assertThat(wrongType.body()).contains("OperationOutcome");
		assertThat(entries(get(system, "Patient?_count=500"))).isEqualTo(before);
	}
}
