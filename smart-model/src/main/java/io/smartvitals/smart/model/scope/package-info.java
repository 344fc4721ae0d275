/**
 * SMART App Launch scopes as data (v1 and v2, granular) and the scope decision for one FHIR
 * interaction, as plain values unit-tested without a server. The HAPI hooks that apply these
 * decisions come with the rest of issue 4.
 */
package io.smartvitals.smart.model.scope;
