/**
 * Who is calling: the bearer access token of every FHIR request, verified against the tenant in
 * the URL, and the per-request security facts (actor, client, scopes, decision) kept for audit.
 */
package io.smartvitals.interceptors.access;
