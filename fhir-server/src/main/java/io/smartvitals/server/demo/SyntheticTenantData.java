package io.smartvitals.server.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * One tenant's synthetic population: a top organization with two clinics ({@code partOf}),
 * two practitioners per clinic with PractitionerRoles, patients split between the clinics, and
 * daily vitals. Identifiers and names do not depend on the tenant, so two tenants hold
 * look-alike data, which is what the isolation tests need.
 */
public final class SyntheticTenantData {

	public static final String ORG_SYSTEM = "urn:smartvitals:organization";
	public static final String PRACTITIONER_SYSTEM = "urn:smartvitals:practitioner";
	public static final String MRN_SYSTEM = "urn:smartvitals:mrn";
	/** Demo vitals end on this day, so every run produces the same resources. */
	public static final LocalDate DEFAULT_END_DAY = LocalDate.of(2026, 11, 1);

	private static final String[] GIVEN = {
		"Ava", "Ben", "Chloe", "Daniel", "Emma", "Felix", "Grace", "Hugo", "Iris", "Jonas",
		"Kara", "Liam", "Maya", "Noah", "Olivia", "Pablo", "Quinn", "Rosa", "Sami", "Tara"
	};
	private static final String[] FAMILY = {
		"Alvarez", "Brooks", "Chen", "Diallo", "Evans", "Fischer", "Garcia", "Haddad", "Ito", "Jensen"
	};

	private SyntheticTenantData() {}

	/** Transaction: organizations, practitioners and their roles. Clinics are {@code urn:uuid}s. */
	public static Bundle organizationsAndStaff(String tenantDisplayName) {
		Bundle bundle = transaction();
		Organization top = new Organization().setName(tenantDisplayName);
		top.addIdentifier().setSystem(ORG_SYSTEM).setValue("root");
		String topRef = add(bundle, top);
		for (int clinic = 1; clinic <= 2; clinic++) {
			Organization org = new Organization().setName(tenantDisplayName + " Clinic " + clinic);
			org.addIdentifier().setSystem(ORG_SYSTEM).setValue("clinic-" + clinic);
			org.setPartOf(new Reference(topRef));
			String orgRef = add(bundle, org);
			for (int n = 1; n <= 2; n++) {
				int number = (clinic - 1) * 2 + n;
				Practitioner practitioner = new Practitioner();
				practitioner.addIdentifier().setSystem(PRACTITIONER_SYSTEM).setValue("prac-" + number);
				practitioner.addName(new HumanName().setFamily(FAMILY[number]).addGiven("Dr " + GIVEN[number + 10]));
				String practitionerRef = add(bundle, practitioner);
				PractitionerRole role = new PractitionerRole();
				role.setPractitioner(new Reference(practitionerRef));
				role.setOrganization(new Reference(orgRef));
				role.setActive(true);
				add(bundle, role);
			}
		}
		return bundle;
	}

	/** Transaction: patient {@code index} (1-based) managed by {@code clinicRef}, with its vitals. */
	public static Bundle patientWithVitals(int index, String clinicRef, int days, LocalDate endDay) {
		Bundle bundle = transaction();
		Patient patient = patient(index, clinicRef);
		String subject = add(bundle, patient);
		for (Observation vital : dailyVitals(index, subject, days, endDay)) {
			add(bundle, vital);
		}
		return bundle;
	}

	public static Patient patient(int index, String clinicRef) {
		Patient patient = new Patient();
		patient.addIdentifier().setSystem(MRN_SYSTEM).setValue(String.format("MRN-%05d", index));
		patient.addName(new HumanName()
				.setFamily(FAMILY[index % FAMILY.length])
				.addGiven(GIVEN[index % GIVEN.length]));
		patient.setGender(index % 2 == 0 ? Enumerations.AdministrativeGender.FEMALE : Enumerations.AdministrativeGender.MALE);
		patient.setBirthDateElement(new DateType(
				String.format("%04d-%02d-%02d", 1950 + index % 60, 1 + index % 12, 1 + index % 28)));
		if (clinicRef != null) {
			patient.setManagingOrganization(new Reference(clinicRef));
		}
		return patient;
	}

	/**
	 * Per day: heart rate, respiratory rate, blood pressure, temperature, SpO2; weekly: weight,
	 * BMI and a laboratory glucose; height once. Seeded by the patient index.
	 */
	public static List<Observation> dailyVitals(int index, String subject, int days, LocalDate endDay) {
		Random random = new Random(index * 7919L);
		double weight = 55 + random.nextInt(40);
		double height = 155 + random.nextInt(35);
		List<Observation> vitals = new ArrayList<>();
		for (int d = days - 1; d >= 0; d--) {
			Instant morning = endDay.minusDays(d).atTime(8, random.nextInt(60)).toInstant(ZoneOffset.UTC);
			vitals.add(VitalSignFactory.measurement(VitalSignFactory.Kind.HEART_RATE, subject, morning, 55 + random.nextInt(45)));
			vitals.add(VitalSignFactory.measurement(VitalSignFactory.Kind.RESPIRATORY_RATE, subject, morning, 12 + random.nextInt(8)));
			vitals.add(VitalSignFactory.bloodPressure(subject, morning, 105 + random.nextInt(40), 65 + random.nextInt(25)));
			vitals.add(VitalSignFactory.measurement(
					VitalSignFactory.Kind.BODY_TEMPERATURE, subject, morning, 36.2 + random.nextInt(15) / 10.0));
			vitals.add(VitalSignFactory.measurement(VitalSignFactory.Kind.OXYGEN_SATURATION, subject, morning, 94 + random.nextInt(6)));
			if (d % 7 == 0) {
				weight += random.nextInt(3) - 1;
				vitals.add(VitalSignFactory.measurement(VitalSignFactory.Kind.BODY_WEIGHT, subject, morning, weight));
				vitals.add(VitalSignFactory.measurement(
						VitalSignFactory.Kind.BMI, subject, morning, weight / Math.pow(height / 100, 2)));
				vitals.add(VitalSignFactory.glucose(subject, morning, 80 + random.nextInt(60)));
			}
			if (d == days - 1) {
				vitals.add(VitalSignFactory.measurement(VitalSignFactory.Kind.BODY_HEIGHT, subject, morning, height));
			}
		}
		return vitals;
	}

	/** Adds a POST entry with a fresh {@code urn:uuid} full URL and returns that URL. */
	public static String add(Bundle transaction, Resource resource) {
		// Placeholder ids only live inside the transaction; the server assigns the real ids.
		String fullUrl = "urn:uuid:" + UUID.randomUUID();
		transaction.addEntry()
				.setFullUrl(fullUrl)
				.setResource(resource)
				.getRequest()
				.setMethod(Bundle.HTTPVerb.POST)
				.setUrl(resource.fhirType());
		return fullUrl;
	}

	public static Bundle transaction() {
		return new Bundle().setType(Bundle.BundleType.TRANSACTION);
	}
}
