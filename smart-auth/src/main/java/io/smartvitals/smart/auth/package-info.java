/**
 * The per-tenant SMART App Launch 2.x authorization server. Built so far: each tenant's signing
 * keys and JWKS ({@code keys}). Discovery, authorize, token, introspect, revoke, login/MFA,
 * launch context and the client registry are issue 3's remaining work.
 */
package io.smartvitals.smart.auth;
