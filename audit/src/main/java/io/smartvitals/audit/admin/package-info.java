/**
 * The operator's audit API under {@code /admin/tenants/{tenant}/audit}: verify a chain, export a
 * time range as NDJSON AuditEvents with the verification result, set retention and purge.
 */
package io.smartvitals.audit.admin;
