package io.smartvitals.audit.chain;

import java.util.Iterator;

/**
 * Walks a tenant's stored records in sequence order and finds the first broken link: a checkpoint
 * whose signature fails, a sequence gap (a deleted record), a record whose content no longer
 * matches its hash (an edit), a record that does not link to the hash before it, or a chain that
 * ends before its head (deleted tail).
 */
public final class ChainVerifier {

	private final CheckpointSigner signer;

	public ChainVerifier(CheckpointSigner signer) {
		this.signer = signer;
	}

	/**
	 * @param checkpoint the latest checkpoint, or null when nothing was purged
	 * @param records the remaining records, ascending by seq
	 * @param headSeq the chain head's sequence number (0 for an empty chain)
	 */
	public ChainVerification verify(
			String tenant, Checkpoint checkpoint, Iterator<ChainedRecord> records, long headSeq, String headHash) {
		long checkpointSeq = checkpoint == null ? 0 : checkpoint.throughSeq();
		if (checkpoint != null && !signer.verify(checkpoint.signedText(), checkpoint.keyId(), checkpoint.signature())) {
			return new ChainVerification(tenant, false, 0, null,
					"checkpoint through seq " + checkpointSeq + " has an invalid signature (key " + checkpoint.keyId() + ")",
					checkpointSeq, headSeq, headHash);
		}
		long expectedSeq = checkpointSeq + 1;
		String expectedPrev = checkpoint == null ? ChainedRecord.GENESIS : checkpoint.throughHash();
		long checked = 0;
		while (records.hasNext()) {
			ChainedRecord r = records.next();
			checked++;
			if (r.seq() != expectedSeq) {
				return broken(tenant, checked, expectedSeq,
						"record " + expectedSeq + " is missing (next stored record is " + r.seq() + ")", checkpointSeq, headSeq, headHash);
			}
			if (!r.prevHash().equals(expectedPrev)) {
				return broken(tenant, checked, r.seq(),
						"record " + r.seq() + " does not link to the hash of record " + (r.seq() - 1), checkpointSeq, headSeq, headHash);
			}
			if (!r.contentMatchesHash()) {
				return broken(tenant, checked, r.seq(),
						"record " + r.seq() + " was altered: its content does not match its hash", checkpointSeq, headSeq, headHash);
			}
			expectedPrev = r.hash();
			expectedSeq++;
		}
		if (expectedSeq - 1 != headSeq || !expectedPrev.equals(headHash)) {
			return broken(tenant, checked, expectedSeq,
					"the chain ends at record " + (expectedSeq - 1) + " but its head is record " + headSeq, checkpointSeq, headSeq, headHash);
		}
		return new ChainVerification(tenant, true, checked, null, null, checkpointSeq, headSeq, headHash);
	}

	private static ChainVerification broken(
			String tenant, long checked, long seq, String reason, long checkpointSeq, long headSeq, String headHash) {
		return new ChainVerification(tenant, false, checked, seq, reason, checkpointSeq, headSeq, headHash);
	}
}
