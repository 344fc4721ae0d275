/**
 * The authorization server's security events (sign-ins, lockouts, tokens issued, refreshed,
 * introspected and revoked, launches) written to the tenant's audit trail.
 */
package io.smartvitals.smart.auth.evidence;
