package io.smartvitals.audit.chain;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * What a purge leaves behind: the last purged record's sequence number and hash, so the first
 * remaining record still links to something, signed so that it cannot be forged to cover a
 * deletion or edit.
 *
 * @param cutoff records recorded before this instant were eligible for the purge
 */
public record Checkpoint(
		String tenant, long throughSeq, String throughHash, long purgedCount, Instant cutoff, Instant createdAt,
		String keyId, String signature) {

	/** The text that is signed: {@code vitals-audit-checkpoint-v1|tenant|throughSeq|throughHash|purgedCount|cutoff|createdAt}. */
	public static String signedText(
			String tenant, long throughSeq, String throughHash, long purgedCount, Instant cutoff, Instant createdAt) {
		return String.join("|", "vitals-audit-checkpoint-v1", tenant, Long.toString(throughSeq), throughHash,
				Long.toString(purgedCount), DateTimeFormatter.ISO_INSTANT.format(cutoff),
				DateTimeFormatter.ISO_INSTANT.format(createdAt));
	}

	public String signedText() {
		return signedText(tenant, throughSeq, throughHash, purgedCount, cutoff, createdAt);
	}
}
