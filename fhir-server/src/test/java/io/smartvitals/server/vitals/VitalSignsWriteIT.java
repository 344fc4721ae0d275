package io.smartvitals.server.vitals;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.smartvitals.server.ServerOverHttp;
import io.smartvitals.server.demo.SyntheticTenantData;
import io.smartvitals.server.demo.VitalSignFactory;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Vital signs are checked against the R4 vital signs profiles on create, update and in transactions. */
class VitalSignsWriteIT extends ServerOverHttp {

	private static final Instant AT = Instant.parse("2026-10-01T08:00:00Z");
	private static String tenant;
	private IGenericClient fhir;
	private String patient;

	@BeforeEach
	void tenantWithAPatient() throws Exception {
		if (tenant == null) {
			tenant = createTenant(uniqueTenantId("vit"));
		}
		fhir = client(tenant);
		patient = fhir.create().resource(SyntheticTenantData.patient(1, null)).execute().getId().toUnqualifiedVersionless().getValue();
	}

	@ParameterizedTest
	@EnumSource(VitalSignFactory.Kind.class)
	void everyProfiledVitalSignIsStored(VitalSignFactory.Kind kind) {
		MethodOutcome outcome = fhir.create().resource(VitalSignFactory.measurement(kind, patient, AT, 50)).execute();
		assertThat(outcome.getCreated()).isTrue();
	}

	@Test
	void bloodPressureWithBothComponentsIsStored() {
		assertThat(fhir.create().resource(VitalSignFactory.bloodPressure(patient, AT, 120, 80)).execute().getCreated()).isTrue();
	}

	@Test
	void nonVitalObservationsAreNotHeldToTheVitalSignsProfiles() {
		assertThat(fhir.create().resource(VitalSignFactory.glucose(patient, AT, 90)).execute().getCreated()).isTrue();
	}

	static Stream<Arguments> invalidVitals() {
		return Stream.of(
				Arguments.of("wrong UCUM unit", (Mutation) o -> ((Quantity) o.getValue()).setCode("beats"), "Observation.value.ofType(Quantity).code"),
				Arguments.of("no effective time", (Mutation) o -> o.setEffective(null), "Observation"),
				Arguments.of("no value", (Mutation) o -> o.setValue(null), "Observation"),
				Arguments.of("no subject", (Mutation) o -> o.setSubject(null), "Observation"),
				Arguments.of("subject is a Group", (Mutation) o -> o.setSubject(new Reference("Group/g1")), "Observation.subject"),
				Arguments.of("no status", (Mutation) o -> o.setStatus(null), "Observation"));
	}

	interface Mutation {
		void apply(Observation observation);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidVitals")
	void invalidVitalSignIsRejectedWith422NamingTheElementAndNothingIsStored(String why, Mutation mutation, String location)
			throws Exception {
		int before = observationCount();
		Observation heartRate = VitalSignFactory.measurement(VitalSignFactory.Kind.HEART_RATE, patient, AT, 70);
		mutation.apply(heartRate);
		HttpResponse<String> response = send("POST", base(tenant) + "/Observation", null, "application/fhir+json",
				FHIR.newJsonParser().encodeResourceToString(heartRate));
		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(response.body()).contains("\"resourceType\":\"OperationOutcome\"", "heartrate", location);
		assertThat(observationCount()).isEqualTo(before);
	}

	@Test
	void bloodPressureWithoutDiastolicIsRejected() throws Exception {
		Observation bp = VitalSignFactory.bloodPressure(patient, AT, 120, 80);
		bp.getComponent().remove(1);
		HttpResponse<String> response = send("POST", base(tenant) + "/Observation", null, "application/fhir+json",
				FHIR.newJsonParser().encodeResourceToString(bp));
		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(response.body()).contains("Observation.component");
	}

	@Test
	void anUpdateToAnInvalidVitalIsRejectedAndTheStoredVersionStays() throws Exception {
		Observation heartRate = VitalSignFactory.measurement(VitalSignFactory.Kind.HEART_RATE, patient, AT, 70);
		String id = fhir.create().resource(heartRate).execute().getId().getIdPart();
		heartRate.setId(id);
		((Quantity) heartRate.getValue()).setCode("kg");
		HttpResponse<String> response = send("PUT", base(tenant) + "/Observation/" + id, null, "application/fhir+json",
				FHIR.newJsonParser().encodeResourceToString(heartRate));
		assertThat(response.statusCode()).isEqualTo(422);
		Observation stored = fhir.read().resource(Observation.class).withId(id).execute();
		assertThat(stored.getMeta().getVersionId()).isEqualTo("1");
		assertThat(((Quantity) stored.getValue()).getCode()).isEqualTo("/min");
	}

	@Test
	void aTransactionWithOneInvalidVitalWritesNothing() throws Exception {
		int observationsBefore = observationCount();
		int patientsBefore = count("Patient");
		Bundle transaction = SyntheticTenantData.patientWithVitals(7, null, 2, java.time.LocalDate.of(2026, 10, 2));
		Observation lastVital = transaction.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
				.filter(Observation.class::isInstance).map(Observation.class::cast)
				.filter(o -> o.getCategoryFirstRep().getCodingFirstRep().getCode().equals("vital-signs"))
				.reduce((first, second) -> second).orElseThrow();
		lastVital.setStatus(null);
		HttpResponse<String> response = send("POST", base(tenant), null, "application/fhir+json",
				FHIR.newJsonParser().encodeResourceToString(transaction));
		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(observationCount()).isEqualTo(observationsBefore);
		assertThat(count("Patient")).isEqualTo(patientsBefore);
	}

	private int observationCount() {
		return count("Observation");
	}

	private int count(String type) {
		return fhir.search().forResource(type).summaryMode(ca.uhn.fhir.rest.api.SummaryEnum.COUNT)
				.returnBundle(Bundle.class).execute().getTotal();
	}

}
