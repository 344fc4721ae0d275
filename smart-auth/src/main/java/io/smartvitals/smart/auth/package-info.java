/**
 * The per-tenant SMART App Launch 2.x authorization server (discovery, authorize, token,
 * introspect, revoke, JWKS, login/MFA, launch context, client registry). Not built yet:
 * tracked by issue 3; this package only reserves the module's place in the layout.
 */
package io.smartvitals.smart.auth;
