package io.smartvitals.audit.chain;

import io.smartvitals.audit.record.AuditRecord;

/**
 * A record in its tenant's chain: sequence number (1, 2, ... per tenant, never reused), the hash of
 * the record before it and its own hash over {@link CanonicalForm}.
 */
public record ChainedRecord(long seq, AuditRecord record, String prevHash, String hash) {

	/** The previous hash of a chain's first record. */
	public static final String GENESIS = "0".repeat(64);

	public static ChainedRecord link(long seq, AuditRecord record, String prevHash) {
		return new ChainedRecord(seq, record, prevHash, CanonicalForm.hash(seq, record, prevHash));
	}

	/** Whether the stored hash is the hash of the stored content. */
	public boolean contentMatchesHash() {
		return CanonicalForm.hash(seq, record, prevHash).equals(hash);
	}
}
