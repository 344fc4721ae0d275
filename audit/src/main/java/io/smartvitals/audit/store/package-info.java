/**
 * The durable store of audit records (tables audit_record, audit_chain_head, audit_checkpoint,
 * audit_outbox): chained appends that never fork a chain ({@link io.smartvitals.audit.store.ChainWriter}
 * after the head it knows, {@link io.smartvitals.audit.store.AuditStore} under a lock on the head),
 * the outbox for records that commit with a change, queries, verification and purge.
 */
package io.smartvitals.audit.store;
