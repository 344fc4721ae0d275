/**
 * Logging a tenant's user in: password then TOTP, the throttling and lockout rule, the session's
 * {@link io.smartvitals.smart.auth.login.TenantUserAuthentication}, and the login and MFA pages.
 */
package io.smartvitals.smart.auth.login;
