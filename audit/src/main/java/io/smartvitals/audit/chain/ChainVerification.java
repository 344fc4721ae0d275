package io.smartvitals.audit.chain;

/**
 * The result of checking a tenant's chain.
 *
 * @param intact every link checked out
 * @param recordsChecked how many stored records were checked
 * @param firstBrokenSeq sequence number of the first record whose link is broken (missing,
 *     altered, or not linking to its predecessor); null when intact or when the checkpoint itself is bad
 * @param reason what is wrong there, for a person
 * @param checkpointSeq the chain starts after this purged sequence number (0: nothing purged)
 * @param lastSeq the chain head's sequence number
 * @param lastHash the chain head's hash
 */
public record ChainVerification(
		String tenant, boolean intact, long recordsChecked, Long firstBrokenSeq, String reason, long checkpointSeq,
		long lastSeq, String lastHash) {

	/** One line for HTTP headers and export trailers: {@code intact records=12 last-seq=12 ...}. */
	public String summary() {
		StringBuilder text = new StringBuilder(intact ? "intact" : "broken");
		text.append(" records=").append(recordsChecked).append(" checkpoint-seq=").append(checkpointSeq)
				.append(" last-seq=").append(lastSeq).append(" last-hash=").append(lastHash);
		if (!intact) {
			text.append(" first-broken-seq=").append(firstBrokenSeq == null ? "checkpoint" : firstBrokenSeq.toString());
		}
		return text.toString();
	}
}
