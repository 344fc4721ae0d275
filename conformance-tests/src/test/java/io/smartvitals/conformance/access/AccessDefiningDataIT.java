package io.smartvitals.conformance.access;

import static io.smartvitals.conformance.access.TwoTenants.id;
import static io.smartvitals.conformance.access.TwoTenants.json;
import static io.smartvitals.conformance.access.TwoTenants.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import io.smartvitals.conformance.support.Http;
import io.smartvitals.conformance.support.PostgresSuite;
import io.smartvitals.server.demo.TenantPopulationLoader.Population;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The data that decides who sees what (Organization tree, PractitionerRoles and the tenant-wide
 * marker, client Devices, Consents, a Patient's care providers) is tenant administration: patient/
 * and user/ tokens are refused whatever their scopes, a system/ client needs
 * {@code system/access-policy}, a patient keeps their own Consents and demographics, and each
 * change is recorded with its before and after.
 */
class AccessDefiningDataIT extends PostgresSuite {

	private static final String T = "defining-" + UUID.randomUUID().toString().substring(0, 6);
	private static final String RULE = "decides who sees what";
	private static Population data;
	private static String x;
	private static String y;
	private static String top;
	private static String clinicOne;
	private static String clinicTwo;
	private static String practitioner;

	@BeforeAll
	static void population() {
		data = TwoTenants.populate(server, T);
		x = id(data.patients().get(0));
		y = id(data.patients().get(1));
		top = data.organizations().get(0);
		clinicOne = data.organizations().get(1);
		clinicTwo = data.organizations().get(2);
		practitioner = ofType(data, "Practitioner").get(0);
	}

	private static String patientApp() {
		return "Bearer " + server.patientToken(T, "patient/*.cruds", x, "patient-app");
	}

	private static String practitionerApp() {
		return "Bearer " + server.userToken(T, "user/*.cruds", practitioner, "ehr");
	}

	private static String backendWithoutAdministration() {
		return "Bearer " + server.systemToken(T, "system/*.cruds");
	}

	private static HttpResponse<String> send(String authorization, String method, String path, IBaseResource body) {
		return Http.send(method, server.base(T) + "/" + path, Map.of("Authorization", authorization,
				"Accept", "application/fhir+json", "Content-Type", "application/fhir+json"), body == null ? null : json(body));
	}

	private static <R extends IBaseResource> R read(Class<R> type, String reference) {
		return TwoTenants.FHIR.newJsonParser().parseResource(type, Http.get(server.base(T) + "/" + reference).body());
	}

	private static void assertRefused(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
		assertThat(response.body()).contains("OperationOutcome").contains(RULE).contains("system/access-policy");
	}

	private static PractitionerRole tenantWideRole(String who) {
		PractitionerRole role = new PractitionerRole();
		role.setPractitioner(new Reference(who));
		role.addCode().addCoding().setSystem("urn:smartvitals:access").setCode("tenant-wide");
		return role;
	}

	private static Organization clinicOneUnder(String parent) {
		Organization clinic = read(Organization.class, clinicOne);
		clinic.setPartOf(new Reference(parent));
		return clinic;
	}

	private static Device clientDevice(String clientId, String owner) {
		Device device = new Device();
		device.addIdentifier().setSystem("urn:smartvitals:client-id").setValue(clientId);
		device.setOwner(new Reference(owner));
		return device;
	}

	private static Consent privacyConsent(String patient) {
		Consent consent = new Consent();
		consent.setStatus(Consent.ConsentState.ACTIVE);
		consent.getScope().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/consentscope").setCode("patient-privacy");
		consent.addCategory().addCoding().setSystem("http://loinc.org").setCode("59284-0");
		consent.setPatient(new Reference("Patient/" + patient));
		consent.getProvision().setType(Consent.ConsentProvisionType.PERMIT).addProvision()
				.setType(Consent.ConsentProvisionType.DENY).addActor().setReference(new Reference(clinicTwo))
				.getRole().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/v3-ParticipationType").setCode("IRCP");
		return consent;
	}

	@Test
	void aPatientTokenChangesNoneOfTheDataThatDecidesAccess() {
		String token = patientApp();
		assertRefused(send(token, "POST", "PractitionerRole", tenantWideRole(practitioner)));
		assertRefused(send(token, "PUT", clinicOne, clinicOneUnder(clinicTwo)));
		assertRefused(send(token, "POST", "Organization", new Organization().setName("Shadow clinic")));
		assertRefused(send(token, "POST", "Device", clientDevice("ehr", clinicOne).setPatient(new Reference("Patient/" + x))));
		Patient own = read(Patient.class, "Patient/" + x);
		own.setManagingOrganization(new Reference(clinicTwo));
		assertRefused(send(token, "PUT", "Patient/" + x, own));
		// Nothing changed: the clinic is still where it was, the patient still managed by clinic 1.
		assertThat(read(Organization.class, clinicOne).getPartOf().getReference()).isEqualTo(top);
		assertThat(read(Patient.class, "Patient/" + x).getManagingOrganization().getReference()).isEqualTo(clinicOne);
		assertThat(Http.get(server.base(T) + "/PractitionerRole?code=urn:smartvitals:access%7Ctenant-wide").body())
				.doesNotContain("\"id\"");
	}

	@Test
	void aPatientKeepsTheirDemographicsTheirOwnConsentsAndTheirOwnDevices() {
		String token = patientApp();
		Patient own = read(Patient.class, "Patient/" + x);
		own.addTelecom().setSystem(org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem.PHONE).setValue("555-0100");
		assertThat(send(token, "PUT", "Patient/" + x, own).statusCode()).isEqualTo(200);
		HttpResponse<String> consent = send(token, "POST", "Consent", privacyConsent(x));
		assertThat(consent.statusCode()).as(consent.body()).isEqualTo(201);
		String consentId = consent.headers().firstValue("Location").orElseThrow().replaceFirst(".*/Consent/([^/]+)/.*", "$1");
		assertThat(send(token, "DELETE", "Consent/" + consentId, null).statusCode()).isIn(200, 204);
		// A home blood-pressure cuff names no client: it is the patient's data, not access policy.
		Device cuff = new Device().setPatient(new Reference("Patient/" + x));
		cuff.addDeviceName().setName("Home BP cuff").setType(Device.DeviceNameType.USERFRIENDLYNAME);
		assertThat(send(token, "POST", "Device", cuff).statusCode()).isEqualTo(201);
	}

	@Test
	void aPractitionerCannotWidenTheirOwnReachOrLiftAPatientsConsent() {
		String token = practitionerApp();
		assertRefused(send(token, "POST", "PractitionerRole", tenantWideRole(practitioner)));
		assertRefused(send(token, "PUT", clinicOne, clinicOneUnder(clinicTwo)));
		String consentId = Http.send("POST", server.base(T) + "/Consent", Map.of("Content-Type", "application/fhir+json"),
				json(privacyConsent(x))).headers().firstValue("Location").orElseThrow().replaceFirst(".*/Consent/([^/]+)/.*", "$1");
		Consent lifted = read(Consent.class, "Consent/" + consentId);
		lifted.setStatus(Consent.ConsentState.INACTIVE);
		assertRefused(send(token, "PUT", "Consent/" + consentId, lifted));
		assertRefused(send(token, "DELETE", "Consent/" + consentId, null));
		assertThat(read(Consent.class, "Consent/" + consentId).getStatus()).isEqualTo(Consent.ConsentState.ACTIVE);
		// Moving a patient of their clinic to another is a change of who may see them.
		Patient moved = read(Patient.class, "Patient/" + x);
		moved.setManagingOrganization(new Reference(clinicTwo));
		assertRefused(send(token, "PUT", "Patient/" + x, moved));
		// The record itself stays theirs to keep.
		Patient kept = read(Patient.class, "Patient/" + x);
		kept.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1970-01-02"));
		assertThat(send(token, "PUT", "Patient/" + x, kept).statusCode()).isEqualTo(200);
		Http.send("DELETE", server.base(T) + "/Consent/" + consentId, Map.of(), null);
	}

	@Test
	void aTransactionEntryIsRefusedLikeTheDirectWriteAndNothingIsStored() {
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		Patient registered = new Patient();
		registered.addName().setFamily("Entry-" + T);
		registered.setManagingOrganization(new Reference(clinicOne));
		transaction.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(registered)
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
		transaction.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(tenantWideRole(practitioner))
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("PractitionerRole");
		assertRefused(send(practitionerApp(), "POST", "", transaction));
		assertThat(Http.get(server.base(T) + "/Patient?family=Entry-" + T).body()).doesNotContain("\"resource\"");
	}

	@Test
	void aBackendNeedsTheAdministrationScopeAndEveryChangeIsRecordedWithBeforeAndAfter() throws Exception {
		assertRefused(send(backendWithoutAdministration(), "PUT", clinicOne, clinicOneUnder(clinicTwo)));
		assertRefused(send(backendWithoutAdministration(), "POST", "Device", clientDevice("ehr", clinicTwo)));
		// Registering a patient with its clinic is what a system/ integration does; moving one is not.
		Patient registered = new Patient();
		registered.setManagingOrganization(new Reference(clinicTwo));
		HttpResponse<String> created = send(backendWithoutAdministration(), "POST", "Patient", registered);
		assertThat(created.statusCode()).isEqualTo(201);
		String newPatient = created.headers().firstValue("Location").orElseThrow().replaceFirst(".*/Patient/([^/]+)/.*", "$1");
		Patient move = read(Patient.class, "Patient/" + newPatient);
		move.setManagingOrganization(new Reference(clinicOne));
		assertRefused(send(backendWithoutAdministration(), "PUT", "Patient/" + newPatient, move));

		String administration = server.systemAuthorization(T);
		String requestId = "defining-" + UUID.randomUUID();
		HttpResponse<String> moved = Http.send("PUT", server.base(T) + "/" + clinicOne, Map.of("Authorization", administration,
				"Content-Type", "application/fhir+json", "X-Request-ID", requestId), json(clinicOneUnder(clinicTwo)));
		assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
		String detail = changeRecord(requestId);
		assertThat(detail).contains(clinicOne + " before {partOf=" + top).contains("after {partOf=" + clinicTwo);
		Http.send("PUT", server.base(T) + "/" + clinicOne, Map.of("Authorization", administration,
				"Content-Type", "application/fhir+json"), json(clinicOneUnder(top)));
	}

	/** The write's own audit record (committed with it), read in SQL. */
	private static String changeRecord(String requestId) throws Exception {
		try (Connection c = DriverManager.getConnection(server.database().url(), server.database().user(), server.database().password());
				PreparedStatement select = c.prepareStatement("SELECT detail FROM audit_record WHERE tenant_id = ? AND request_id = ?")) {
			select.setString(1, T);
			select.setString(2, requestId);
			List<String> details = new ArrayList<>();
			long deadline = System.currentTimeMillis() + 10_000;
			while (details.isEmpty() && System.currentTimeMillis() < deadline) {
				try (ResultSet rs = select.executeQuery()) {
					while (rs.next()) {
						details.add(rs.getString(1));
					}
				}
				if (details.isEmpty()) {
					Thread.sleep(100);
				}
			}
			return details.stream().filter(d -> d != null && d.contains("access-defining change")).findFirst().orElse(String.join(" / ", details));
		}
	}
}
