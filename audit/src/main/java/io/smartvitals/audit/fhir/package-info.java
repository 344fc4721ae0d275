/**
 * The FHIR face of audit: the HAPI hook that records every FHIR request (allowed or denied), and
 * records served read-only as IHE BALP-shaped AuditEvents at {@code /fhir/{tenant}/AuditEvent}.
 */
package io.smartvitals.audit.fhir;
