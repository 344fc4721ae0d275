package io.smartvitals.server.demo;

import io.smartvitals.smart.auth.users.NewUser;
import io.smartvitals.smart.auth.users.TenantUsers;
import io.smartvitals.tenants.registry.TenantId;
import java.util.List;

/**
 * Each demo tenant's two people: a practitioner (linked to the first demo Practitioner, who has a
 * PractitionerRole in clinic 1) and a patient (the first demo Patient). Same usernames in both
 * tenants on purpose: they are two different accounts. Passwords are public demo values.
 */
public class DemoUsers {

	public static final String PRACTITIONER = "dr.demo";
	public static final String PRACTITIONER_PASSWORD = "demo-practitioner-1";
	public static final String PATIENT = "patient.demo";
	public static final String PATIENT_PASSWORD = "demo-patient-1";

	private final TenantUsers users;

	public DemoUsers(TenantUsers users) {
		this.users = users;
	}

	/** Creates the two users from what the population loader wrote; existing users are left alone. */
	public void create(TenantId tenant, TenantPopulationLoader.Population population) {
		String practitioner = population.allResources().stream().filter(id -> id.startsWith("Practitioner/")).findFirst()
				.orElseThrow(() -> new IllegalStateException("The demo population has no Practitioner"));
		String patient = population.patients().get(0);
		users.create(tenant.value(), NewUser.of(PRACTITIONER, PRACTITIONER_PASSWORD, practitioner, "practitioner", false));
		users.create(tenant.value(), NewUser.of(PATIENT, PATIENT_PASSWORD, patient, "patient", false));
	}

	/** Lines for the welcome text: username, password and fhirUser of each demo user that exists. */
	public List<String> describe(TenantId tenant) {
		return users.list(tenant.value()).stream()
				.filter(u -> u.username().equals(PRACTITIONER) || u.username().equals(PATIENT))
				.map(u -> String.format("%-13s / %-20s (%s)", u.username(),
						u.username().equals(PRACTITIONER) ? PRACTITIONER_PASSWORD : PATIENT_PASSWORD, u.fhirUser()))
				.toList();
	}
}
