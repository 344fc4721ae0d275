/**
 * Spring Authorization Server made multi-tenant: one issuer per tenant ({@code /auth/{tenant}}),
 * authorizations scoped to their tenant, refresh-token families, and revocation that reaches the FHIR API.
 */
package io.smartvitals.smart.auth.server;
