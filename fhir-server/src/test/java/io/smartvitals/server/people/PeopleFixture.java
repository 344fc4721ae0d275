package io.smartvitals.server.people;

import io.smartvitals.server.ServerOverHttp;
import java.net.http.HttpResponse;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;

/** Tenants with a practitioner user, a patient user and two patients, made through the public APIs. */
abstract class PeopleFixture extends ServerOverHttp {

	static final String PASSWORD = "a long test password";

	record People(String tenant, String practitionerId, String patientId, String otherPatientId) {}

	People people(String prefix) throws Exception {
		String tenant = createTenant(uniqueTenantId(prefix));
		String practitioner = client(tenant).create().resource(new Practitioner().addName(new org.hl7.fhir.r4.model.HumanName()
				.setFamily("Okafor").addGiven("Ada"))).execute().getId().getIdPart();
		// The practitioner's clinic manages both patients: the pickers offer a user only patients in reach.
		String clinic = client(tenant).create().resource(new org.hl7.fhir.r4.model.Organization().setName("Clinic"))
				.execute().getId().getIdPart();
		client(tenant).create().resource(new org.hl7.fhir.r4.model.PractitionerRole()
				.setPractitioner(new org.hl7.fhir.r4.model.Reference("Practitioner/" + practitioner))
				.setOrganization(new org.hl7.fhir.r4.model.Reference("Organization/" + clinic))).execute();
		String patient = patient(tenant, "Brooks", "Ben", clinic);
		String other = patient(tenant, "Chen", "Chloe", clinic);
		createUser(tenant, "dr.okafor", "Practitioner/" + practitioner, "practitioner");
		createUser(tenant, "ben", "Patient/" + patient, "patient");
		return new People(tenant, practitioner, patient, other);
	}

	String patient(String tenant, String family, String given, String clinic) {
		Patient patient = new Patient();
		patient.setManagingOrganization(new org.hl7.fhir.r4.model.Reference("Organization/" + clinic));
		patient.addName().setFamily(family).addGiven(given);
		patient.setGender(Enumerations.AdministrativeGender.OTHER);
		return client(tenant).create().resource(patient).execute().getId().getIdPart();
	}

	void createUser(String tenant, String username, String fhirUser, String kind) throws Exception {
		HttpResponse<String> created = admin("POST", "/admin/tenants/" + tenant + "/users", "{\"username\":\"" + username
				+ "\",\"password\":\"" + PASSWORD + "\",\"fhirUser\":\"" + fhirUser + "\",\"kind\":\"" + kind + "\"}");
		if (created.statusCode() != 201) {
			throw new IllegalStateException("User creation failed: " + created.statusCode() + " " + created.body());
		}
	}

	PageClient browser() {
		return new PageClient(root());
	}
}
