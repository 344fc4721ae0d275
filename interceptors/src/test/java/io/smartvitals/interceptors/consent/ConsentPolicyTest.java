package io.smartvitals.interceptors.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class ConsentPolicyTest {

	private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
	private static final Set<String> CLINIC_ONE = Set.of("Practitioner/p1", "Organization/clinic-1", "Organization/top");

	private static Consent privacy(String id) {
		Consent consent = new Consent();
		consent.setId(id);
		consent.setStatus(Consent.ConsentState.ACTIVE);
		consent.getScope().addCoding(new Coding(PrivacyConsent.SCOPE_SYSTEM, PrivacyConsent.PATIENT_PRIVACY, null));
		consent.setPatient(new Reference("Patient/x"));
		consent.getProvision().setType(Consent.ConsentProvisionType.PERMIT);
		return consent;
	}

	private static Consent denyingActor(String id, String actor) {
		Consent consent = privacy(id);
		consent.getProvision().addProvision().setType(Consent.ConsentProvisionType.DENY).addActor().setReference(new Reference(actor));
		return consent;
	}

	private static ConsentVerdict decide(boolean optIn, Consent... consents) {
		return ConsentPolicy.decide(List.of(consents).stream().map(PrivacyConsent::from).toList(), CLINIC_ONE, "TREAT", NOW, optIn);
	}

	@Test
	void withoutConsentOptOutSharesAndOptInDoesNot() {
		assertThat(decide(false)).isInstanceOf(ConsentVerdict.Permitted.class);
		assertThat(decide(true)).isEqualTo(new ConsentVerdict.Denied(ConsentPolicy.OPT_IN_DEFAULT));
	}

	@Test
	void denyOfTheUsersParentOrganizationNamesTheConsent() {
		assertThat(decide(false, denyingActor("c1", "Organization/top"))).isEqualTo(new ConsentVerdict.Denied("Consent/c1"));
	}

	@Test
	void denyOfAnotherActorLeavesThePermitOfTheRoot() {
		assertThat(decide(true, denyingActor("c1", "Organization/other"))).isEqualTo(new ConsentVerdict.Permitted("Consent/c1"));
	}

	@Test
	void denyOutsideItsPeriodOrPurposeDoesNotApply() {
		Consent expired = denyingActor("c1", "Practitioner/p1");
		expired.getProvision().getProvisionFirstRep().setPeriod(new Period()
				.setStart(java.util.Date.from(Instant.parse("2025-01-01T00:00:00Z"))).setEnd(java.util.Date.from(Instant.parse("2026-01-01T00:00:00Z"))));
		assertThat(decide(false, expired)).isInstanceOf(ConsentVerdict.Permitted.class);
		Consent research = denyingActor("c2", "Practitioner/p1");
		research.getProvision().getProvisionFirstRep().addPurpose().setCode("HRESCH");
		assertThat(decide(false, research)).isInstanceOf(ConsentVerdict.Permitted.class);
		research.getProvision().getProvisionFirstRep().addPurpose().setCode("TREAT");
		assertThat(decide(false, research)).isEqualTo(new ConsentVerdict.Denied("Consent/c2"));
	}

	@Test
	void anyDenyWinsOverAnotherConsentsPermit() {
		assertThat(decide(false, privacy("c0"), denyingActor("c1", "Organization/clinic-1"))).isEqualTo(new ConsentVerdict.Denied("Consent/c1"));
	}

	@Test
	void inactiveOrOtherScopeConsentsAreIgnored() {
		Consent draft = denyingActor("c1", "Practitioner/p1").setStatus(Consent.ConsentState.DRAFT);
		assertThat(PrivacyConsent.from(draft)).isNull();
		Consent research = denyingActor("c2", "Practitioner/p1");
		research.getScope().getCodingFirstRep().setCode("research");
		assertThat(PrivacyConsent.from(research)).isNull();
	}

	@Test
	void mayDenyTellsWhetherAnyRuleCouldRestrictTheseIdentities() {
		PrivacyConsent consent = PrivacyConsent.from(denyingActor("c1", "Organization/top"));
		assertThat(consent.root().mayDeny(CLINIC_ONE)).isTrue();
		assertThat(consent.root().mayDeny(Set.of("Device/d"))).isFalse();
	}
}
