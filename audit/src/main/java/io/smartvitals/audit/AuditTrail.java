package io.smartvitals.audit;

import io.smartvitals.audit.record.AuditRecord;

/**
 * Where every audited event goes. {@link #record} returns only once the record is durable
 * (committed to the database; it joins its tenant's hash chain shortly after, or at the next start
 * after a crash), so a caller that records before it answers never tells a client "done" about
 * something the audit trail could still lose.
 */
public interface AuditTrail {

	/**
	 * @throws AuditUnavailableException when the record could not be made durable; the caller must
	 *     then not report success
	 */
	void record(AuditRecord record);

	/** Whether records are kept at all ({@code vitals.audit.enabled}). */
	default boolean enabled() {
		return true;
	}
}
