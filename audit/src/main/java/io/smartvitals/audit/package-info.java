/**
 * Audit evidence: every FHIR access decision and security or admin event as an append-only,
 * per-tenant hash chain. {@link io.smartvitals.audit.AuditTrail} is the one way in.
 */
package io.smartvitals.audit;
