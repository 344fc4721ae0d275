package io.smartvitals.interceptors.consent;

/** Whether a patient's consents let one accessor see the patient's data, and which Consent (or rule) decided. */
public sealed interface ConsentVerdict {

	/** @param decidedBy a Consent id, or the tenant rule when no consent applied */
	record Permitted(String decidedBy) implements ConsentVerdict {}

	record Denied(String decidedBy) implements ConsentVerdict {}
}
