/**
 * Applying SMART scopes to every FHIR interaction: which interaction a request is, whether the
 * token's scopes allow it, which resources it may see or write (patient compartment, the user's
 * organizations, granular queries), and the thin HAPI hooks that narrow searches and refuse the rest.
 */
package io.smartvitals.interceptors.enforce;
