package io.smartvitals.audit.store;

import java.time.Instant;

/**
 * A search over one tenant's records; null criteria do not restrict. Newest first.
 *
 * @param from inclusive lower bound on the record time
 * @param to exclusive upper bound on the record time
 * @param patient a patient id (bare) the record touched
 * @param entity a reference ({@code Observation/1}) the record touched
 * @param agent actor id, client id or on-behalf-of user
 * @param action an action code ({@code read}, {@code token-issued})
 * @param crude an AuditEvent.action letter (C, R, U, D, E)
 */
public record AuditQuery(
		String tenant, Instant from, Instant to, String patient, String entity, String agent, String action,
		Character crude, String outcome, int limit) {

	public static AuditQuery all(String tenant, int limit) {
		return new AuditQuery(tenant, null, null, null, null, null, null, null, null, limit);
	}
}
