package io.smartvitals.conformance.access;

import static io.smartvitals.conformance.access.TwoTenants.id;
import static io.smartvitals.conformance.access.TwoTenants.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.smartvitals.conformance.support.Http;
import io.smartvitals.conformance.support.PostgresSuite;
import io.smartvitals.conformance.support.RunningServer;
import io.smartvitals.server.demo.TenantPopulationLoader.Population;
import java.net.http.HttpResponse;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.HumanName;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Patients' privacy Consents (ATTACKS P7): a Consent denying a client's organization hides the
 * patient from that client in read, search, include and $everything, and removing it restores
 * access; patients manage their own Consents; an opt-in tenant shares only where permitted.
 */
class ConsentIT extends PostgresSuite {

	private static final String T = "consent-" + UUID.randomUUID().toString().substring(0, 6);
	private static Population data;
	private static String x;
	private static String appOrganization;

	@BeforeAll
	static void population() {
		data = TwoTenants.populate(server, T);
		x = id(data.patients().get(0));
		appOrganization = TwoTenants.system(server, T).create().resource(new Organization().setName("App vendor")).execute().getId().getIdPart();
		// The vendor's user-facing app and its backend service: two clients, two Devices.
		for (String clientId : new String[] {"app-c", "backend-c"}) {
			Device app = new Device();
			app.addIdentifier().setSystem("urn:smartvitals:client-id").setValue(clientId);
			app.setOwner(new Reference("Organization/" + appOrganization));
			TwoTenants.system(server, T).create().resource(app).execute();
		}
	}

	private static Consent denying(String patient, String actor) {
		Consent consent = new Consent();
		consent.setStatus(Consent.ConsentState.ACTIVE);
		consent.getScope().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/consentscope").setCode("patient-privacy");
		consent.addCategory().addCoding().setSystem("http://loinc.org").setCode("59284-0");
		consent.setPatient(new Reference("Patient/" + patient));
		Consent.ProvisionComponent root = consent.getProvision().setType(Consent.ConsentProvisionType.PERMIT);
		if (actor != null) {
			root.addProvision().setType(Consent.ConsentProvisionType.DENY).addActor().setReference(new Reference(actor))
					.getRole().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/v3-ParticipationType").setCode("IRCP");
		}
		return consent;
	}

	private static HttpResponse<String> get(String tenant, String authorization, String path) {
		return Http.send("GET", server.base(tenant) + "/" + path, Map.of("Authorization", authorization, "Accept", "application/fhir+json"), null);
	}

	@Test
	void consentDenyingTheClientsOrganizationHidesThePatientUntilItIsRemoved() {
		String appC = "Bearer " + server.userToken(T, "user/*.rs", data.allResources().stream()
				.filter(r -> r.startsWith("Practitioner/")).findFirst().orElseThrow(), "app-c");
		String otherApp = "Bearer " + server.userToken(T, "user/*.rs", data.allResources().stream()
				.filter(r -> r.startsWith("Practitioner/")).findFirst().orElseThrow(), "app-d");
		assertThat(get(T, appC, "Patient/" + x).statusCode()).isEqualTo(200);
		String consentId = TwoTenants.system(server, T).create().resource(denying(x, "Organization/" + appOrganization)).execute().getId().getIdPart();

		assertThat(get(T, appC, "Patient/" + x).statusCode()).isEqualTo(404);
		assertThat(get(T, appC, "Observation?patient=" + x + "&_count=200").body()).doesNotContain("\"reference\":\"Patient/" + x + "\"");
		assertThat(get(T, appC, "Observation?_include=Observation:patient&_count=200").body()).doesNotContain("\"id\":\"" + x + "\"");
		assertThat(get(T, appC, "Patient/" + x + "/$everything").statusCode()).isEqualTo(404);
		assertThat(get(T, otherApp, "Patient/" + x).statusCode()).isEqualTo(200);

		HttpResponse<String> hidden = get(T, appC, "Patient/" + x);
		HttpResponse<String> missing = get(T, appC, "Patient/" + UUID.randomUUID());
		assertThat(hidden.statusCode()).isEqualTo(404).isEqualTo(missing.statusCode());
		assertThat(hidden.body().replace(x, "ID")).as("a hidden patient answers exactly like a missing one")
				.isEqualTo(missing.body().replaceAll("Patient/[0-9a-f-]{36}", "Patient/ID"));
		assertThat(Http.send("DELETE", server.base(T) + "/Consent/" + consentId, Map.of(), null).statusCode()).isIn(200, 204);
		assertThat(get(T, appC, "Patient/" + x).statusCode()).isEqualTo(200);
	}

	@Test
	void consentDenyingABackendClientHidesThePatientFromItsExportsAndSearches() {
		String backend = "Bearer " + server.systemToken(T, "system/*.rs", "backend-c");
		String y = id(data.patients().get(1));
		String consentId = TwoTenants.system(server, T).create().resource(denying(y, "Device/" + deviceOf("backend-c"))).execute().getId().getIdPart();
		assertThat(get(T, backend, "Patient/" + y).statusCode()).isEqualTo(404);
		assertThat(get(T, backend, "Patient?_count=50").body()).doesNotContain("\"id\":\"" + y + "\"").contains(x);
		Http.send("DELETE", server.base(T) + "/Consent/" + consentId, Map.of(), null);
	}

	private static String deviceOf(String clientId) {
		String body = Http.get(server.base(T) + "/Device?identifier=urn:smartvitals:client-id%7C" + clientId).body();
		return body.replaceFirst("(?s).*\"resourceType\":\"Device\",\"id\":\"([^\"]+)\".*", "$1");
	}

	@Test
	void patientsCreateAndRevokeTheirOwnConsentButNotAnotherPatients() {
		String patientApp = "Bearer " + server.patientToken(T, "patient/Consent.cruds", x, "patient-app");
		HttpResponse<String> created = Http.send("POST", server.base(T) + "/Consent", Map.of("Authorization", patientApp,
				"Content-Type", "application/fhir+json"), json(denying(x, "Organization/" + appOrganization)));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String id = created.headers().firstValue("Location").orElseThrow().replaceFirst(".*/Consent/([^/]+)/.*", "$1");
		assertThat(Http.send("DELETE", server.base(T) + "/Consent/" + id, Map.of("Authorization", patientApp), null).statusCode()).isIn(200, 204);
		HttpResponse<String> forOther = Http.send("POST", server.base(T) + "/Consent", Map.of("Authorization", patientApp,
				"Content-Type", "application/fhir+json"), json(denying(id(data.patients().get(1)), null)));
		assertThat(forOther.statusCode()).isEqualTo(403);

		// Both changes are security events on the tenant's audit trail, naming the Consent.
		HttpResponse<String> trail = Http.send("GET", server.root() + "/admin/tenants/" + T + "/audit/export",
				Map.of("Authorization", "Bearer " + RunningServer.OPERATOR_TOKEN), null);
		java.util.List<String> aboutIt = trail.body().lines().filter(l -> l.contains("Consent/" + id)).toList();
		assertThat(aboutIt).anySatisfy(l -> assertThat(l).contains("\"consent-created\""));
		assertThat(aboutIt).anySatisfy(l -> assertThat(l).contains("\"consent-revoked\""));
	}

	@Test
	void optInTenantSharesOnlyWherePermitted() {
		String tenant = RunningServer.OPT_IN_TENANT;
		Http.createTenant(server, tenant);
		IGenericClient system = TwoTenants.system(server, tenant);
		// Created one by one: in an opt-in tenant even the writer's response hides patients who have
		// not permitted it, but the Location header still names what was created.
		String clinic = system.create().resource(new Organization().setName("Opt-in clinic")).execute().getId().getIdPart();
		String practitioner = system.create().resource(new Practitioner().addName(new HumanName().setFamily("Okafor")))
				.execute().getId().getIdPart();
		PractitionerRole role = new PractitionerRole();
		role.setPractitioner(new Reference("Practitioner/" + practitioner)).setOrganization(new Reference("Organization/" + clinic));
		system.create().resource(role).execute();
		String patient = system.create().resource(new Patient().setManagingOrganization(new Reference("Organization/" + clinic)))
				.execute().getId().getIdPart();
		String other = system.create().resource(new Patient().setManagingOrganization(new Reference("Organization/" + clinic)))
				.execute().getId().getIdPart();

		String user = "Bearer " + server.userToken(tenant, "user/*.rs", "Practitioner/" + practitioner, "ehr");
		HttpResponse<String> before = get(tenant, user, "Patient/" + patient);
		HttpResponse<String> missing = get(tenant, user, "Patient/" + UUID.randomUUID());
		assertThat(before.statusCode()).as("opt-in: not shared before the patient permits it").isEqualTo(404);
		assertThat(before.body().replace(patient, "ID")).isEqualTo(missing.body().replaceAll("Patient/[0-9a-f-]{36}", "Patient/ID"));

		system.create().resource(denying(patient, null)).execute();
		HttpResponse<String> permitted = get(tenant, user, "Patient/" + patient);
		assertThat(permitted.statusCode()).as("permitted by the patient's consent: %s", permitted.body()).isEqualTo(200);
		assertThat(get(tenant, user, "Patient/" + other).statusCode()).as("another patient has not permitted it").isEqualTo(404);
		String self = "Bearer " + server.patientToken(tenant, "patient/*.rs", other, "patient-app");
		assertThat(get(tenant, self, "Patient/" + other).statusCode()).as("the patient's own access").isEqualTo(200);
	}
}
