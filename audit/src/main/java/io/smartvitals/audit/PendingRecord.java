package io.smartvitals.audit;

/**
 * A record written but perhaps not yet durable: what the answer to its request must wait for
 * before its first byte leaves. Waiting that late lets the flush to disk run while the answer is
 * encoded.
 */
@FunctionalInterface
public interface PendingRecord {

	/** A record with nothing left to wait for (as durable as the operator's setting asks). */
	PendingRecord SETTLED = () -> {};

	/**
	 * Returns once the record is durable.
	 *
	 * @throws AuditUnavailableException when it could not be made durable: the request must then
	 *     not be answered as a success
	 */
	void awaitDurable();
}
