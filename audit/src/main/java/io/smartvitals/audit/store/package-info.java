/**
 * The durable store of audit records (tables audit_record, audit_chain_head, audit_checkpoint):
 * chained batch appends under a lock on the tenant's chain head, queries, verification and purge.
 */
package io.smartvitals.audit.store;
