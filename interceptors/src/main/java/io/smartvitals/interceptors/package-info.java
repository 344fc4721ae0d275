/**
 * HAPI interceptors that guard every FHIR operation. Today: vitals validation. Token, scope,
 * consent and audit enforcement arrive with their issues (4 and 6).
 */
package io.smartvitals.interceptors;
