package io.smartvitals.conformance.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartvitals.conformance.support.AuditExport;
import io.smartvitals.conformance.support.Http;
import io.smartvitals.conformance.support.PostgresSuite;
import io.smartvitals.conformance.support.RunningServer;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Extension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Audit evidence over HTTP on PostgreSQL: every FHIR request and admin change leaves a record
 * carrying its request id, records stay inside their tenant, AuditEvent is read-only and needs an
 * audit scope, tampering in the database is found and named, purge keeps the chain verifiable and
 * export is NDJSON AuditEvents with the verification result.
 */
class AuditEvidenceIT extends PostgresSuite {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final String PATIENT = "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Audit\"}]}";
	private static String tenantA;
	private static String tenantB;

	@BeforeAll
	static void tenants() {
		tenantA = Http.createTenant(server, "audit-a-" + UUID.randomUUID().toString().substring(0, 6));
		tenantB = Http.createTenant(server, "audit-b-" + UUID.randomUUID().toString().substring(0, 6));
	}

	private static HttpResponse<String> fhir(String method, String url, String requestId, String body) {
		return Http.send(method, url, Map.of("Accept", "application/fhir+json", "Content-Type", "application/fhir+json",
				"X-Request-Id", requestId), body);
	}

	private static HttpResponse<String> admin(String method, String path, String body) {
		return Http.send(method, server.root() + path,
				Map.of("Authorization", "Bearer " + RunningServer.OPERATOR_TOKEN, "Content-Type", "application/json"), body);
	}

	private static HttpResponse<String> withToken(String method, String url, String token) {
		return Http.send(method, url, Map.of("Accept", "application/fhir+json", "Authorization", "Bearer " + token), null);
	}

	/** The tenant's records, from the export, as AuditEvents. */
	private static List<AuditEvent> exported(String tenant) {
		return AuditExport.of(server, tenant).events();
	}

	private static String requestId(AuditEvent event) {
		return AuditExport.requestId(event);
	}

	private static AuditEvent byRequestId(List<AuditEvent> events, String id) {
		return events.stream().filter(e -> id.equals(requestId(e))).findFirst()
				.orElseThrow(() -> new AssertionError("No audit record with request id " + id));
	}

	private static String subtype(AuditEvent event) {
		return event.getSubtype().stream().filter(c -> c.getSystem().endsWith("audit-action")).findFirst().orElseThrow().getCode();
	}

	@Test
	void everyFhirRequestAllowedOrNotLeavesARecordWithItsRequestId() throws Exception {
		String create = "create-" + UUID.randomUUID();
		HttpResponse<String> created = fhir("POST", server.base(tenantA) + "/Patient", create, PATIENT);
		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(created.headers().firstValue("X-Request-Id")).contains(create);
		String patientId = JSON.readTree(created.body()).get("id").asText();
		String read = "read-" + UUID.randomUUID();
		assertThat(fhir("GET", server.base(tenantA) + "/Patient/" + patientId, read, null).statusCode()).isEqualTo(200);
		String missing = "missing-" + UUID.randomUUID();
		assertThat(fhir("GET", server.base(tenantA) + "/Patient/no-such-patient", missing, null).statusCode()).isEqualTo(404);
		String search = "search-" + UUID.randomUUID();
		assertThat(fhir("GET", server.base(tenantA) + "/Observation?patient=" + patientId, search, null).statusCode()).isEqualTo(200);

		List<AuditEvent> events = exported(tenantA);
		AuditEvent createEvent = byRequestId(events, create);
		assertThat(subtype(createEvent)).isEqualTo("create");
		assertThat(createEvent.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
		assertThat(createEvent.getEntity()).anyMatch(e -> ("Patient/" + patientId).equals(e.getWhat().getReference()));
		AuditEvent readEvent = byRequestId(events, read);
		assertThat(readEvent.getMeta().getProfile()).anyMatch(p -> p.getValue().endsWith("IHE.BasicAudit.PatientRead"));
		AuditEvent missingEvent = byRequestId(events, missing);
		assertThat(missingEvent.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
		assertThat(missingEvent.getOutcomeDesc()).contains("404");
		AuditEvent searchEvent = byRequestId(events, search);
		assertThat(subtype(searchEvent)).isEqualTo("search-type");
		assertThat(searchEvent.getEntity()).anyMatch(e -> ("Patient/" + patientId).equals(e.getWhat().getReference()));
	}

	@Test
	void aPatientTokensSearchRecordSaysHowItWasNarrowed() throws Exception {
		HttpResponse<String> created = fhir("POST", server.base(tenantA) + "/Patient", "p-" + UUID.randomUUID(), PATIENT);
		String patientId = JSON.readTree(created.body()).get("id").asText();
		String token = server.patientToken(tenantA, "patient/Observation.rs", patientId, "narrowing-app");
		String search = "narrowed-" + UUID.randomUUID();
		HttpResponse<String> answer = Http.send("GET", server.base(tenantA) + "/Observation?code=8867-4",
				Map.of("Accept", "application/fhir+json", "Authorization", "Bearer " + token, "X-Request-Id", search), null);
		assertThat(answer.statusCode()).isEqualTo(200);

		AuditEvent event = byRequestId(exported(tenantA), search);
		assertThat(event.getEntity()).anyMatch(e -> e.getDescription() != null
				&& e.getDescription().endsWith("| narrowed to compartment Patient/" + patientId));
	}

	private static long recordsWithRequestId(List<AuditEvent> events, String id) {
		return events.stream().filter(e -> id.equals(requestId(e))).count();
	}

	@Test
	void eachWriteHasExactlyOneRecordCommittedWithIt() throws Exception {
		String create = "once-create-" + UUID.randomUUID();
		HttpResponse<String> created = fhir("POST", server.base(tenantA) + "/Patient", create, PATIENT);
		assertThat(created.statusCode()).isEqualTo(201);
		String patientId = JSON.readTree(created.body()).get("id").asText();
		String update = "once-update-" + UUID.randomUUID();
		assertThat(fhir("PUT", server.base(tenantA) + "/Patient/" + patientId, update,
				PATIENT.replace("{\"resourceType\":\"Patient\",", "{\"resourceType\":\"Patient\",\"id\":\"" + patientId + "\",")
						.replace("Audit", "Audited")).statusCode()).isEqualTo(200);
		String delete = "once-delete-" + UUID.randomUUID();
		assertThat(fhir("DELETE", server.base(tenantA) + "/Patient/" + patientId, delete, null).statusCode()).isBetween(200, 204);

		List<AuditEvent> events = exported(tenantA);
		for (String id : List.of(create, update, delete)) {
			assertThat(recordsWithRequestId(events, id)).as("records of " + id).isEqualTo(1);
			assertThat(byRequestId(events, id).getEntity())
					.anyMatch(e -> ("Patient/" + patientId).equals(e.getWhat().getReference()));
		}
		assertThat(subtype(byRequestId(events, update))).isEqualTo("update");
		assertThat(subtype(byRequestId(events, delete))).isEqualTo("delete");
	}

	@Test
	void aTransactionBundleCommitsARecordOfEverythingItWroteAndIsRecordedAsARequestToo() throws Exception {
		String id = "bundle-" + UUID.randomUUID();
		String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":["
				+ "{\"fullUrl\":\"urn:uuid:" + UUID.randomUUID() + "\",\"resource\":" + PATIENT + ",\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}},"
				+ "{\"fullUrl\":\"urn:uuid:" + UUID.randomUUID() + "\",\"resource\":" + PATIENT + ",\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}}]}";
		HttpResponse<String> response = fhir("POST", server.base(tenantA), id, bundle);
		assertThat(response.statusCode()).isEqualTo(200);
		List<String> written = new ArrayList<>();
		for (JsonNode entry : JSON.readTree(response.body()).get("entry")) {
			written.add(entry.get("response").get("location").asText().replaceFirst("/_history/.*$", ""));
		}
		assertThat(written).hasSize(2);

		List<AuditEvent> records = exported(tenantA).stream().filter(e -> id.equals(requestId(e))).toList();
		// One committed inside the transaction (what it wrote), one for the request and its answer.
		assertThat(records).hasSize(2);
		for (AuditEvent record : records) {
			assertThat(subtype(record)).isEqualTo("transaction");
			for (String reference : written) {
				assertThat(record.getEntity()).anyMatch(e -> reference.equals(e.getWhat().getReference()));
			}
		}
	}

	/** Runs the calls while the database refuses audit records of requests whose id starts with "refuse-audit-". */
	private static void whileTheirRecordsAreRefused(Runnable calls) throws Exception {
		try (Connection c = DriverManager.getConnection(server.database().url(), server.database().user(), server.database().password())) {
			// As a full disk or a lost connection would, for these requests only.
			c.createStatement().execute("ALTER TABLE audit_outbox ADD CONSTRAINT refuse_test_records"
					+ " CHECK (request_id IS NULL OR request_id NOT LIKE 'refuse-audit-%')");
			try {
				calls.run();
			} finally {
				c.createStatement().execute("ALTER TABLE audit_outbox DROP CONSTRAINT refuse_test_records");
			}
		}
	}

	@Test
	void aWriteWhoseRecordCannotBeStoredIsRolledBack() throws Exception {
		String family = "Unrecorded" + UUID.randomUUID().toString().replaceAll("[^a-z]", "");
		whileTheirRecordsAreRefused(() -> assertThat(fhir("POST", server.base(tenantA) + "/Patient",
				"refuse-audit-" + UUID.randomUUID(), PATIENT.replace("Audit", family)).statusCode()).isGreaterThanOrEqualTo(500));
		HttpResponse<String> search = fhir("GET", server.base(tenantA) + "/Patient?family=" + family + "&_total=accurate",
				"after-refused-" + UUID.randomUUID(), null);
		assertThat(search.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(search.body()).get("total").asInt()).as("patients written without their audit record").isZero();
	}

	@Test
	void anAdminChangeWhoseRecordCannotBeStoredIsRolledBack() throws Exception {
		String tenant = "audit-r-" + UUID.randomUUID().toString().substring(0, 6);
		whileTheirRecordsAreRefused(() -> assertThat(Http.send("POST", server.root() + "/admin/tenants",
				Map.of("Authorization", "Bearer " + RunningServer.OPERATOR_TOKEN, "Content-Type", "application/json",
						"X-Request-Id", "refuse-audit-" + UUID.randomUUID()),
				"{\"id\":\"" + tenant + "\"}").statusCode()).isGreaterThanOrEqualTo(500));
		assertThat(admin("GET", "/admin/tenants/" + tenant, null).statusCode()).as("tenant created without its record").isEqualTo(404);
		// Nothing half-done is left behind: the same tenant can be created normally afterwards.
		assertThat(admin("POST", "/admin/tenants", "{\"id\":\"" + tenant + "\"}").statusCode()).isEqualTo(201);
		assertThat(exported(tenant).stream().map(AuditEvidenceIT::subtype)).contains("tenant-created");
	}

	@Test
	void refusedRequestsAreRecorded() {
		String suspended = Http.createTenant(server, "audit-s-" + UUID.randomUUID().toString().substring(0, 6));
		assertThat(admin("POST", "/admin/tenants/" + suspended + "/suspend", null).statusCode()).isEqualTo(200);
		String refused = "refused-" + UUID.randomUUID();
		assertThat(fhir("GET", server.base(suspended) + "/Patient", refused, null).statusCode()).isEqualTo(403);
		assertThat(admin("POST", "/admin/tenants/" + suspended + "/resume", null).statusCode()).isEqualTo(200);
		AuditEvent event = byRequestId(exported(suspended), refused);
		assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
		assertThat(event.getOutcomeDesc()).contains("denied").contains("403");
		List<String> actions = exported(suspended).stream().map(AuditEvidenceIT::subtype).toList();
		assertThat(actions).contains("tenant-created", "tenant-suspended", "tenant-resumed");
	}

	@Test
	void keyRotationIsRecordedInTheTenantsChain() {
		assertThat(admin("POST", "/admin/tenants/" + tenantB + "/keys/rotate", null).statusCode()).isEqualTo(201);
		assertThat(exported(tenantB).stream().map(AuditEvidenceIT::subtype)).contains("key-rotated");
	}

	@Test
	void requestsForAnUnknownTenantGoToTheServerChainNotToAnyTenant() {
		String probe = "probe-" + UUID.randomUUID();
		assertThat(fhir("GET", server.root() + "/fhir/no-such-tenant-x/Patient", probe, null).statusCode()).isEqualTo(404);
		assertThat(exported(tenantA)).noneMatch(e -> probe.equals(requestId(e)));
		assertThat(exported(tenantB)).noneMatch(e -> probe.equals(requestId(e)));
	}

	@Test
	void aTenantNeverSeesAnotherTenantsRecords() throws Exception {
		String onlyInA = "only-a-" + UUID.randomUUID();
		assertThat(fhir("GET", server.base(tenantA) + "/Patient", onlyInA, null).statusCode()).isEqualTo(200);
		assertThat(exported(tenantB)).noneMatch(e -> onlyInA.equals(requestId(e)));

		String tokenB = server.systemToken(tenantB, "system/AuditEvent.rs", "auditor-b");
		HttpResponse<String> searchB = withToken("GET", server.base(tenantB) + "/AuditEvent?_count=200", tokenB);
		assertThat(searchB.statusCode()).isEqualTo(200);
		Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, searchB.body());
		assertThat(bundle.getEntry()).isNotEmpty();
		for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
			AuditEvent event = (AuditEvent) entry.getResource();
			Extension chain = event.getExtensionByUrl("https://smartvitals.io/fhir/StructureDefinition/audit-chain");
			assertThat(chain.getExtensionString("tenant")).isEqualTo(tenantB);
			assertThat(requestId(event)).isNotEqualTo(onlyInA);
		}
		// B's token at A's endpoint fails on A's keys; A's record ids do not resolve at B.
		assertThat(withToken("GET", server.base(tenantA) + "/AuditEvent", tokenB).statusCode()).isEqualTo(401);
		String tokenA = server.systemToken(tenantA, "system/AuditEvent.rs", "auditor-a");
		String idInA = JSON.readTree(withToken("GET", server.base(tenantA) + "/AuditEvent?_count=1", tokenA).body())
				.get("entry").get(0).get("resource").get("id").asText();
		long seqInA = Long.parseLong(idInA);
		long lastInB = Long.parseLong(JSON.readTree(withToken("GET", server.base(tenantB) + "/AuditEvent?_count=1", tokenB).body())
				.get("entry").get(0).get("resource").get("id").asText());
		if (seqInA > lastInB + 50) {
			assertThat(withToken("GET", server.base(tenantB) + "/AuditEvent/" + idInA, tokenB).statusCode()).isEqualTo(404);
		}
	}

	@Test
	void auditEventNeedsATokenWithAnAuditScope() {
		HttpResponse<String> anonymous = Http.get(server.base(tenantA) + "/AuditEvent", Http.NO_TOKEN);
		assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
		String clinician = server.systemToken(tenantA, "system/Observation.rs system/*.rs", "vitals-app");
		HttpResponse<String> refused = withToken("GET", server.base(tenantA) + "/AuditEvent", clinician);
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("OperationOutcome");
		String auditor = server.systemToken(tenantA, "system/AuditEvent.rs", "auditor");
		assertThat(withToken("GET", server.base(tenantA) + "/AuditEvent?action=C", auditor).statusCode()).isEqualTo(200);
		assertThat(withToken("GET", server.base(tenantA) + "/AuditEvent/1", auditor).statusCode()).isEqualTo(200);
	}

	@Test
	void auditEventSearchFindsByPatientAndAgent() throws Exception {
		String created = fhir("POST", server.base(tenantA) + "/Patient", "p-" + UUID.randomUUID(), PATIENT).body();
		String patientId = JSON.readTree(created).get("id").asText();
		fhir("GET", server.base(tenantA) + "/Patient/" + patientId, "r-" + UUID.randomUUID(), null);
		String auditor = server.systemToken(tenantA, "system/AuditEvent.rs", "auditor");
		JsonNode byPatient = JSON.readTree(withToken("GET", server.base(tenantA) + "/AuditEvent?patient=Patient/" + patientId, auditor).body());
		assertThat(byPatient.get("entry")).hasSize(2);
		JsonNode byAgent = JSON.readTree(withToken("GET", server.base(tenantA) + "/AuditEvent?agent=operator&_count=5", auditor).body());
		assertThat(byAgent.get("entry")).isNotEmpty();
	}

	@Test
	void auditEventCannotBeCreatedUpdatedOrDeleted() {
		String event = "{\"resourceType\":\"AuditEvent\",\"type\":{\"code\":\"rest\"},\"recorded\":\"2026-01-01T00:00:00Z\","
				+ "\"agent\":[{\"requestor\":true}],\"source\":{\"observer\":{\"display\":\"x\"}}}";
		assertThat(Http.fhir("POST", server.base(tenantA) + "/AuditEvent", event).statusCode()).isEqualTo(405);
		assertThat(Http.fhir("PUT", server.base(tenantA) + "/AuditEvent/1", event.replace("{\"resourceType\":\"AuditEvent\",",
				"{\"resourceType\":\"AuditEvent\",\"id\":\"1\",")).statusCode()).isEqualTo(405);
		assertThat(Http.fhir("DELETE", server.base(tenantA) + "/AuditEvent/1", null).statusCode()).isEqualTo(405);
		String transaction = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"resource\":" + event
				+ ",\"request\":{\"method\":\"POST\",\"url\":\"AuditEvent\"}}]}";
		HttpResponse<String> planted = Http.fhir("POST", server.base(tenantA), transaction);
		assertThat(planted.statusCode()).isBetween(400, 499);
		assertThat(planted.body()).contains("OperationOutcome");
	}

	@Test
	void editingAStoredRecordInPostgresIsFoundAndNamed() throws Exception {
		String tenant = Http.createTenant(server, "audit-t-" + UUID.randomUUID().toString().substring(0, 6));
		for (int i = 0; i < 5; i++) {
			fhir("GET", server.base(tenant) + "/Patient", "t-" + i + "-" + UUID.randomUUID(), null);
		}
		JsonNode before = JSON.readTree(admin("GET", "/admin/tenants/" + tenant + "/audit/verify", null).body());
		assertThat(before.get("intact").asBoolean()).isTrue();
		try (Connection c = DriverManager.getConnection(server.database().url(), server.database().user(), server.database().password());
				PreparedStatement edit = c.prepareStatement(
						"UPDATE audit_record SET actor_id = 'someone-innocent' WHERE tenant_id = ? AND seq = 3")) {
			edit.setString(1, tenant);
			assertThat(edit.executeUpdate()).isEqualTo(1);
		}
		JsonNode after = JSON.readTree(admin("GET", "/admin/tenants/" + tenant + "/audit/verify", null).body());
		assertThat(after.get("intact").asBoolean()).isFalse();
		assertThat(after.get("firstBrokenSeq").asLong()).isEqualTo(3);
		HttpResponse<String> export = admin("GET", "/admin/tenants/" + tenant + "/audit/export", null);
		assertThat(export.headers().firstValue("X-Audit-Chain")).contains("broken");
		assertThat(export.headers().firstValue("X-Audit-Verification").orElseThrow()).contains("first-broken-seq=3");
		HttpResponse<String> purge = admin("POST", "/admin/tenants/" + tenant + "/audit/purge", null);
		assertThat(purge.statusCode()).isEqualTo(409);
	}

	@Test
	void purgeHonoursRetentionAndKeepsTheChainVerifiable() throws Exception {
		String tenant = Http.createTenant(server, "audit-p-" + UUID.randomUUID().toString().substring(0, 6));
		for (int i = 0; i < 4; i++) {
			fhir("GET", server.base(tenant) + "/Patient", "p-" + i + "-" + UUID.randomUUID(), null);
		}
		// Default retention (six years) keeps everything.
		JsonNode nothing = JSON.readTree(admin("POST", "/admin/tenants/" + tenant + "/audit/purge", null).body());
		assertThat(nothing.get("purged").asLong()).isZero();
		assertThat(admin("PUT", "/admin/tenants/" + tenant + "/audit/retention", "{\"days\":0}").statusCode()).isEqualTo(200);
		assertThat(admin("PUT", "/admin/tenants/" + tenant + "/audit/retention", "{\"days\":-1}").statusCode()).isEqualTo(400);
		JsonNode purged = JSON.readTree(admin("POST", "/admin/tenants/" + tenant + "/audit/purge", null).body());
		assertThat(purged.get("purged").asLong()).isGreaterThanOrEqualTo(5);
		assertThat(purged.get("checkpoint").get("signature").asText()).hasSize(64);
		fhir("GET", server.base(tenant) + "/Patient", "after-" + UUID.randomUUID(), null);
		JsonNode verified = JSON.readTree(admin("GET", "/admin/tenants/" + tenant + "/audit/verify", null).body());
		assertThat(verified.get("intact").asBoolean()).isTrue();
		assertThat(verified.get("checkpointSeq").asLong()).isEqualTo(purged.get("checkpoint").get("throughSeq").asLong());
		// The purge itself is evidence, after the checkpoint.
		assertThat(exported(tenant).stream().map(AuditEvidenceIT::subtype)).contains("audit-purged");
	}

	@Test
	void exportIsNdjsonOfAuditEventsWithTheVerificationResult() {
		HttpResponse<String> export = admin("GET", "/admin/tenants/" + tenantA + "/audit/export?from=2000-01-01T00:00:00Z&to=2999-01-01T00:00:00Z", null);
		assertThat(export.statusCode()).isEqualTo(200);
		assertThat(export.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/fhir+ndjson");
		assertThat(export.headers().firstValue("X-Audit-Chain")).contains("intact");
		String[] lines = export.body().split("\n");
		assertThat(lines.length).isGreaterThan(2);
		String previousHash = null;
		for (String line : lines) {
			AuditEvent event = FHIR.newJsonParser().parseResource(AuditEvent.class, line);
			assertThat(event.getRecorded()).isNotNull();
			Extension chain = event.getExtensionByUrl("https://smartvitals.io/fhir/StructureDefinition/audit-chain");
			if (previousHash != null) {
				assertThat(chain.getExtensionString("prevHash")).isEqualTo(previousHash);
			}
			previousHash = chain.getExtensionString("hash");
		}
		assertThat(admin("GET", "/admin/tenants/" + tenantA + "/audit/export?from=yesterday", null).statusCode()).isEqualTo(400);
		assertThat(admin("GET", "/admin/tenants/no-such-tenant/audit/export", null).statusCode()).isEqualTo(404);
		assertThat(Http.get(server.root() + "/admin/tenants/" + tenantA + "/audit/export").statusCode()).isEqualTo(401);
	}
}
