package io.smartvitals.interceptors.consent;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;

/**
 * The consent decision for one accessor and one patient. Each active patient-privacy Consent
 * yields permit, deny or nothing (its root provision applies when its conditions hold; a nested
 * provision that applies overrides its parent). Any deny wins and names its Consent; else any
 * permit allows; else the tenant's regime decides: opt-out shares unless denied, opt-in shares
 * only where permitted.
 */
public final class ConsentPolicy {

	public static final String OPT_OUT_DEFAULT = "tenant consent regime opt-out: no consent restricts this access";
	public static final String OPT_IN_DEFAULT = "tenant consent regime opt-in: the patient has not permitted this access";

	private ConsentPolicy() {}

	/**
	 * @param identities the accessor's references ({@code Practitioner/1}, {@code Organization/2}, {@code Device/3})
	 * @param purpose the purpose of use code of this access (e.g. TREAT)
	 */
	public static ConsentVerdict decide(
			Collection<PrivacyConsent> consents, Set<String> identities, String purpose, Instant now, boolean optIn) {
		String permittedBy = null;
		for (PrivacyConsent consent : consents) {
			PrivacyConsent.Type outcome = evaluate(consent.root(), identities, purpose, now);
			if (outcome == PrivacyConsent.Type.DENY) {
				return new ConsentVerdict.Denied(consent.id());
			}
			if (outcome == PrivacyConsent.Type.PERMIT && permittedBy == null) {
				permittedBy = consent.id();
			}
		}
		if (permittedBy != null) {
			return new ConsentVerdict.Permitted(permittedBy);
		}
		return optIn ? new ConsentVerdict.Denied(OPT_IN_DEFAULT) : new ConsentVerdict.Permitted(OPT_OUT_DEFAULT);
	}

	private static PrivacyConsent.Type evaluate(PrivacyConsent.Provision provision, Set<String> identities, String purpose, Instant now) {
		if (!provision.appliesTo(identities, purpose, now)) {
			return null;
		}
		PrivacyConsent.Type result = provision.type();
		for (PrivacyConsent.Provision nested : provision.nested()) {
			PrivacyConsent.Type exception = evaluate(nested, identities, purpose, now);
			if (exception != null) {
				result = exception;
			}
		}
		return result;
	}
}
