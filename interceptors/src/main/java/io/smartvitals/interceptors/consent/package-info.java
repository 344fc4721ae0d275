/**
 * Patients' privacy consents (FHIR R4 Consent, scope patient-privacy): the rules parsed from
 * them, the decision for one accessor, and a per-tenant snapshot that every node refreshes.
 */
package io.smartvitals.interceptors.consent;
