package io.smartvitals.audit;

import io.smartvitals.audit.record.AuditRecord;

/**
 * Where every audited event goes. {@link #record} returns only once the record is durable
 * (committed to the database, in its tenant's hash chain), so a caller that records before it
 * answers never tells a client "done" about something the audit trail could still lose.
 */
public interface AuditTrail {

	/**
	 * @throws AuditUnavailableException when the record could not be made durable; the caller must
	 *     then not report success
	 */
	void record(AuditRecord record);

	/**
	 * The record of a FHIR request that changed nothing (a read, search, history or page, allowed
	 * or refused). Committed like {@link #record} unless the operator chose
	 * {@code vitals.audit.read-commit=asynchronous}: then it is committed without waiting for
	 * PostgreSQL's WAL flush, so it survives a crash of this server but not a crash of the database
	 * host in the moment after (at most three times {@code wal_writer_delay}, 600 ms by default).
	 *
	 * @throws AuditUnavailableException as {@link #record}
	 */
	default void recordRead(AuditRecord record) {
		record(record);
	}

	/** Whether records are kept at all ({@code vitals.audit.enabled}). */
	default boolean enabled() {
		return true;
	}
}
