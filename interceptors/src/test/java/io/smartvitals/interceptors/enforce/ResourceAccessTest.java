package io.smartvitals.interceptors.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.smartvitals.interceptors.consent.TenantConsents;
import io.smartvitals.smart.model.scope.Interaction;
import io.smartvitals.smart.model.scope.ScopeParser;
import io.smartvitals.interceptors.token.TokenVerdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class ResourceAccessTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	/** top <- clinic-1, top <- clinic-2; p1 works in clinic-1, boss in top. */
	private static final CareDirectory DIRECTORY = new CareDirectory() {
		@Override
		public Affiliation affiliation(String tenant, String practitioner) {
			return switch (practitioner) {
				case "p1" -> new Affiliation(Set.of("clinic-1"), false);
				case "boss" -> new Affiliation(Set.of("top"), false);
				case "wide" -> new Affiliation(Set.of(), true);
				default -> new Affiliation(Set.of(), false);
			};
		}

		@Override
		public Map<String, String> organizationParents(String tenant) {
			return Map.of("clinic-1", "top", "clinic-2", "top");
		}

		@Override
		public Set<String> patientCareProviders(String tenant, String patient) {
			return Set.of("Organization/" + (patient.equals("x") ? "clinic-1" : "clinic-2"));
		}

		@Override
		public Optional<ClientIdentity> client(String tenant, String clientId) {
			return Optional.empty();
		}
	};

	/** Matches category=vital-signs only. */
	private static final GranularQueryMatcher MATCHER = (resource, query) ->
			((Observation) resource).getCategory().stream().flatMap(c -> c.getCoding().stream()).anyMatch(c -> query.get("category").get(0).endsWith("|" + c.getCode()));

	private static ResourceAccess access(String scopes, String patient, String fhirUser) {
		TokenVerdict.Valid token = new TokenVerdict.Valid("t", "sub", "client", ScopeParser.parse(scopes), patient, null, fhirUser, "jti", Instant.now(), Instant.now());
		TenantConsents consents = new TenantConsents(t -> List.of(), Clock.systemUTC(), Duration.ofSeconds(1), Set.of());
		return new ResourceAccess(token, "t", FHIR, DIRECTORY, MATCHER, consents, Clock.systemUTC());
	}

	private static Observation observation(String patient, String... categories) {
		Observation o = new Observation();
		o.setSubject(new Reference("Patient/" + patient));
		for (String category : categories) {
			o.addCategory().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/observation-category").setCode(category);
		}
		return o;
	}

	private static Patient patient(String id, String organization) {
		Patient p = new Patient();
		p.setId(id);
		p.setManagingOrganization(new Reference("Organization/" + organization));
		return p;
	}

	@Test
	void patientScopesSeeOnlyTheirOwnCompartment() {
		ResourceAccess access = access("patient/*.rs", "x", null);
		assertThat(access.see(observation("x", "vital-signs")).visible()).isTrue();
		assertThat(access.see(observation("y", "vital-signs")).visible()).isFalse();
		assertThat(access.see(patient("x", "clinic-1")).visible()).isTrue();
		assertThat(access.see(patient("y", "clinic-2")).visible()).isFalse();
		assertThat(access.see(new Organization()).visible()).isTrue();
	}

	@Test
	void patientScopesCannotWriteForAnotherPatient() {
		ResourceAccess access = access("patient/Observation.cruds", "x", null);
		assertThat(access.write(observation("x", "vital-signs"), Interaction.CREATE).visible()).isTrue();
		assertThat(access.write(observation("y", "vital-signs"), Interaction.CREATE).visible()).isFalse();
		assertThat(access.write(new Observation(), Interaction.CREATE).visible()).isFalse();
	}

	@Test
	void granularScopesOnlySeeMatchingResourcesAndAnyMatchingCategoryIsEnough() {
		ResourceAccess access = access("patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs", "x", null);
		assertThat(access.see(observation("x", "vital-signs")).visible()).isTrue();
		assertThat(access.see(observation("x", "laboratory")).visible()).isFalse();
		assertThat(access.see(observation("x", "laboratory", "vital-signs")).visible()).isTrue();
		assertThat(access.see(patient("x", "clinic-1")).rule()).contains("No granted scope");
	}

	@Test
	void userScopesReachTheRoleOrganizationAndEverythingBelowIt() {
		ResourceAccess clinic = access("user/*.rs", null, "Practitioner/p1");
		assertThat(clinic.see(observation("x")).visible()).isTrue();
		assertThat(clinic.see(observation("y")).visible()).isFalse();
		assertThat(clinic.see(patient("y", "clinic-2")).visible()).isFalse();
		ResourceAccess boss = access("user/*.rs", null, "https://host/fhir/t/Practitioner/boss");
		assertThat(boss.see(observation("y")).visible()).isTrue();
		assertThat(access("user/*.rs", null, "Practitioner/wide").see(observation("y")).visible()).isTrue();
		assertThat(access("user/*.rs", null, null).see(observation("x")).visible()).isFalse();
	}

	@Test
	void systemScopesSeeTheWholeTenant() {
		ResourceAccess access = access("system/*.rs", null, null);
		assertThat(access.see(observation("y", "laboratory")).visible()).isTrue();
		assertThat(access.seesEverything()).isTrue();
		assertThat(access("system/Observation.rs", null, null).seesEverything()).isFalse();
	}
}
