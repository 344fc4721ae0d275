/**
 * Verifying bearer access tokens locally (no introspection call on the hot path): signature by
 * the tenant's own published keys, RS256 only, issuer and audience of that tenant, lifetime.
 * The HAPI hook that requires a token on every FHIR request comes with the rest of issue 4.
 */
package io.smartvitals.interceptors.token;
