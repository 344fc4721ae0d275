/**
 * Bulk Data $export (system, Patient, Group) over HAPI's Batch2 bulk export job: kick-off, status,
 * cancel and file operations bound to the tenant and client that started the job, scope and
 * consent filtering of every exported resource, file ledger and expiry.
 */
package io.smartvitals.server.bulk;
