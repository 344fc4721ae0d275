package io.smartvitals.interceptors.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentOperationStatusEnum;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentContextServices;
import ca.uhn.fhir.rest.server.interceptor.consent.MultiDelegateConsentService;
import io.smartvitals.audit.fhir.RequestSecurity;
import io.smartvitals.interceptors.consent.ConsentPolicy;
import io.smartvitals.interceptors.consent.TenantConsents;
import io.smartvitals.interceptors.token.TokenVerdict;
import io.smartvitals.smart.model.scope.ScopeParser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** The scope vote and the privacy-consent vote, combined as the server combines them (HAPI's MultiDelegateConsentService, parallel). */
class ConsentVotesTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final CareDirectory TENANT_WIDE = new CareDirectory() {
		@Override
		public Affiliation affiliation(String tenant, String practitioner) {
			return new Affiliation(Set.of(), true);
		}

		@Override
		public Map<String, String> organizationParents(String tenant) {
			return Map.of();
		}

		@Override
		public Set<String> patientCareProviders(String tenant, String patient) {
			return Set.of();
		}

		@Override
		public Optional<ClientIdentity> client(String tenant, String clientId) {
			return Optional.empty();
		}
	};

	private static final IConsentContextServices NO_SERVICES = new IConsentContextServices() {};
	private final MultiDelegateConsentService votes = TenantConsentInterceptor.votes();

	/** @param optIn whether the tenant's regime is opt-in: then no patient has permitted anyone else */
	private static SystemRequestDetails request(String scopes, String patient, String fhirUser, boolean optIn) {
		TokenVerdict.Valid token = new TokenVerdict.Valid("t", "sub", "client", ScopeParser.parse(scopes), patient, null, fhirUser,
				"jti", Instant.now(), Instant.now().plusSeconds(60));
		TenantConsents consents = new TenantConsents(t -> List.of(), Clock.systemUTC(), Duration.ofSeconds(1), optIn ? Set.of("t") : Set.of());
		SystemRequestDetails request = new SystemRequestDetails();
		request.setFhirContext(FHIR);
		request.setRestOperationType(RestOperationTypeEnum.READ);
		request.getUserData().put(ScopeEnforcementInterceptor.ACCESS,
				new ResourceAccess(token, "t", FHIR, TENANT_WIDE, (r, q) -> true, consents, Clock.systemUTC()));
		return request;
	}

	private static Observation observationOf(String patient) {
		Observation o = new Observation();
		o.setSubject(new Reference("Patient/" + patient));
		return o;
	}

	private ConsentOperationStatusEnum vote(SystemRequestDetails request, String patient) {
		return votes.canSeeResource(request, observationOf(patient), NO_SERVICES).getStatus();
	}

	private static String recordedRule(SystemRequestDetails request) {
		return RequestSecurity.find(request).flatMap(RequestSecurity::decision).map(RequestSecurity.AccessDecision::rule).orElse(null);
	}

	@Test
	void scopeAndConsentMustBothAllow() {
		SystemRequestDetails optOut = request("user/*.rs", null, "Practitioner/wide", false);
		assertThat(vote(optOut, "x")).isEqualTo(ConsentOperationStatusEnum.AUTHORIZED);

		SystemRequestDetails optIn = request("user/*.rs", null, "Practitioner/wide", true);
		assertThat(vote(optIn, "x")).as("the scope reaches it, the patient has not permitted it").isEqualTo(ConsentOperationStatusEnum.REJECT);
		assertThat(recordedRule(optIn)).isEqualTo(ConsentPolicy.OPT_IN_DEFAULT);
	}

	@Test
	void aPatientSeesTheirOwnRecordWhateverTheRegimeAndNothingElse() {
		SystemRequestDetails own = request("patient/*.rs", "x", "Patient/x", true);
		assertThat(vote(own, "x")).isEqualTo(ConsentOperationStatusEnum.AUTHORIZED);
		assertThat(vote(own, "y")).isEqualTo(ConsentOperationStatusEnum.REJECT);
		assertThat(recordedRule(own)).as("both refuse; the scope's rule is the one recorded").contains("compartment of Patient/x");
	}

	@Test
	void onlyAWholeTenantTokenNoConsentCanRestrictSkipsThePerResourceVotes() {
		assertThat(votes.startOperation(request("system/*.rs", null, null, false), NO_SERVICES).getStatus())
				.isEqualTo(ConsentOperationStatusEnum.AUTHORIZED);
		assertThat(votes.startOperation(request("system/*.rs", null, null, true), NO_SERVICES).getStatus())
				.as("an opt-in regime can hide resources").isEqualTo(ConsentOperationStatusEnum.PROCEED);
		assertThat(votes.startOperation(request("user/*.rs", null, "Practitioner/wide", false), NO_SERVICES)
				.getStatus()).isEqualTo(ConsentOperationStatusEnum.PROCEED);
	}

	@Test
	void withoutAVerifiedTokenBothAbstain() {
		SystemRequestDetails internal = new SystemRequestDetails();
		internal.setFhirContext(FHIR);
		assertThat(vote(internal, "x")).isEqualTo(ConsentOperationStatusEnum.PROCEED);
	}
}
