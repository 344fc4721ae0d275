package io.smartvitals.interceptors.consent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Period;

/**
 * The parts of an active patient-privacy Consent that decide access.
 *
 * @param id e.g. {@code Consent/123}, named in denials
 * @param patient bare Patient id
 */
public record PrivacyConsent(String id, String patient, Provision root) {

	public static final String SCOPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/consentscope";
	public static final String PATIENT_PRIVACY = "patient-privacy";

	public enum Type { PERMIT, DENY }

	/**
	 * One provision: applies when every condition it states holds (no actors = any actor, no
	 * period = always, no purposes = any purpose); its nested provisions are exceptions to it.
	 *
	 * @param actors references such as {@code Organization/1}, {@code Practitioner/2}, {@code Device/3}
	 */
	public record Provision(Type type, Set<String> actors, Instant start, Instant end, Set<String> purposes, List<Provision> nested) {

		public Provision {
			actors = Set.copyOf(actors);
			purposes = Set.copyOf(purposes);
			nested = List.copyOf(nested);
		}

		boolean appliesTo(Set<String> identities, String purpose, Instant now) {
			if (!actors.isEmpty() && actors.stream().noneMatch(identities::contains)) {
				return false;
			}
			if ((start != null && now.isBefore(start)) || (end != null && !now.isBefore(end))) {
				return false;
			}
			return purposes.isEmpty() || purposes.contains(purpose);
		}

		/** Whether any deny in this tree could apply to one of {@code identities} (ignoring period and purpose). */
		boolean mayDeny(Set<String> identities) {
			if (type == Type.DENY && (actors.isEmpty() || actors.stream().anyMatch(identities::contains))) {
				return true;
			}
			return nested.stream().anyMatch(n -> n.mayDeny(identities));
		}
	}

	/** Null when the Consent is not an active patient-privacy consent about a Patient. */
	public static PrivacyConsent from(Consent consent) {
		if (consent.getStatus() != Consent.ConsentState.ACTIVE || !isPatientPrivacy(consent)
				|| !consent.getPatient().getReferenceElement().hasIdPart()
				|| !"Patient".equals(consent.getPatient().getReferenceElement().getResourceType())) {
			return null;
		}
		String id = "Consent/" + consent.getIdElement().getIdPart();
		Provision root = consent.hasProvision() ? provision(consent.getProvision(), null) : null;
		if (root == null) {
			return null;
		}
		return new PrivacyConsent(id, consent.getPatient().getReferenceElement().getIdPart(), root);
	}

	private static boolean isPatientPrivacy(Consent consent) {
		for (Coding coding : consent.getScope().getCoding()) {
			if (SCOPE_SYSTEM.equals(coding.getSystem()) && PATIENT_PRIVACY.equals(coding.getCode())) {
				return true;
			}
		}
		return false;
	}

	private static Provision provision(Consent.ProvisionComponent p, Type inherited) {
		Type type = p.hasType() ? (p.getType() == Consent.ConsentProvisionType.DENY ? Type.DENY : Type.PERMIT) : inherited;
		Set<String> actors = new LinkedHashSet<>();
		for (Consent.provisionActorComponent actor : p.getActor()) {
			if (actor.getReference().getReferenceElement().hasIdPart()) {
				actors.add(actor.getReference().getReferenceElement().toUnqualifiedVersionless().getValue());
			}
		}
		Set<String> purposes = new LinkedHashSet<>();
		p.getPurpose().forEach(c -> purposes.add(c.getCode()));
		Period period = p.getPeriod();
		Instant start = period.hasStart() ? period.getStart().toInstant() : null;
		Instant end = period.hasEnd() ? period.getEnd().toInstant() : null;
		List<Provision> nested = new ArrayList<>();
		for (Consent.ProvisionComponent n : p.getProvision()) {
			// A nested provision without a type is the opposite of its parent's (an exception).
			nested.add(provision(n, type == Type.DENY ? Type.PERMIT : Type.DENY));
		}
		return new Provision(type, actors, start, end, purposes, nested);
	}
}
