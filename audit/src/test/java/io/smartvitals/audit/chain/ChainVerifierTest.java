package io.smartvitals.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartvitals.audit.record.Actor;
import io.smartvitals.audit.record.AuditAction;
import io.smartvitals.audit.record.AuditRecord;
import io.smartvitals.audit.record.SecurityEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {

	private static final HmacCheckpointSigner SIGNER = new HmacCheckpointSigner(new byte[32]);
	private final ChainVerifier verifier = new ChainVerifier(SIGNER);

	private static AuditRecord event(int n) {
		return SecurityEvent.of(AuditAction.TOKEN_ISSUED, "tenant-a").at(Instant.parse("2026-11-23T10:00:00Z").plusSeconds(n))
				.actor(Actor.client("app-" + n, "owner")).patient("p" + n).scopes("patient/Observation.rs").build();
	}

	private static List<ChainedRecord> chain(int length) {
		List<ChainedRecord> records = new ArrayList<>();
		String prev = ChainedRecord.GENESIS;
		for (int i = 1; i <= length; i++) {
			ChainedRecord r = ChainedRecord.link(i, event(i), prev);
			records.add(r);
			prev = r.hash();
		}
		return records;
	}

	private ChainVerification verify(List<ChainedRecord> records, Checkpoint checkpoint, long headSeq, String headHash) {
		return verifier.verify("tenant-a", checkpoint, records.iterator(), headSeq, headHash);
	}

	@Test
	void untouchedChainVerifies() {
		List<ChainedRecord> records = chain(5);
		ChainVerification result = verify(records, null, 5, records.get(4).hash());
		assertThat(result.intact()).isTrue();
		assertThat(result.recordsChecked()).isEqualTo(5);
	}

	@Test
	void emptyChainVerifies() {
		assertThat(verify(List.of(), null, 0, ChainedRecord.GENESIS).intact()).isTrue();
	}

	@Test
	void editedRecordIsNamedAsFirstBrokenLink() {
		List<ChainedRecord> records = chain(5);
		ChainedRecord original = records.get(2);
		AuditRecord r = original.record();
		AuditRecord edited = new AuditRecord(r.time(), r.tenant(), Actor.client("someone-else", null), r.onBehalfOf(), r.action(),
				r.resources(), r.patients(), r.outcome(), r.status(), r.rule(), r.scopes(), r.sourceAddress(), r.requestId(), r.detail());
		records.set(2, new ChainedRecord(3, edited, original.prevHash(), original.hash()));
		ChainVerification result = verify(records, null, 5, records.get(4).hash());
		assertThat(result.intact()).isFalse();
		assertThat(result.firstBrokenSeq()).isEqualTo(3);
		assertThat(result.reason()).contains("altered");
	}

	@Test
	void editedRecordWithRecomputedHashBreaksTheNextLink() {
		List<ChainedRecord> records = chain(5);
		ChainedRecord original = records.get(2);
		AuditRecord r = original.record();
		AuditRecord edited = new AuditRecord(r.time(), r.tenant(), r.actor(), r.onBehalfOf(), r.action(),
				r.resources(), List.of("someone-else"), r.outcome(), r.status(), r.rule(), r.scopes(), r.sourceAddress(), r.requestId(), r.detail());
		records.set(2, ChainedRecord.link(3, edited, original.prevHash()));
		ChainVerification result = verify(records, null, 5, records.get(4).hash());
		assertThat(result.firstBrokenSeq()).isEqualTo(4);
		assertThat(result.reason()).contains("does not link");
	}

	@Test
	void deletedRecordIsNamed() {
		List<ChainedRecord> records = chain(5);
		records.remove(1);
		ChainVerification result = verify(records, null, 5, records.get(3).hash());
		assertThat(result.firstBrokenSeq()).isEqualTo(2);
		assertThat(result.reason()).contains("missing");
	}

	@Test
	void deletedTailIsFoundAgainstTheHead() {
		List<ChainedRecord> records = chain(5);
		String headHash = records.get(4).hash();
		ChainVerification result = verify(records.subList(0, 3), null, 5, headHash);
		assertThat(result.intact()).isFalse();
		assertThat(result.firstBrokenSeq()).isEqualTo(4);
	}

	@Test
	void chainAfterASignedCheckpointVerifies() {
		List<ChainedRecord> records = chain(5);
		Instant now = Instant.parse("2026-11-24T00:00:00Z");
		Checkpoint checkpoint = new Checkpoint("tenant-a", 2, records.get(1).hash(), 2, now, now, SIGNER.keyId(),
				SIGNER.sign(Checkpoint.signedText("tenant-a", 2, records.get(1).hash(), 2, now, now)));
		assertThat(verify(records.subList(2, 5), checkpoint, 5, records.get(4).hash()).intact()).isTrue();
	}

	@Test
	void forgedCheckpointIsRejected() {
		List<ChainedRecord> records = chain(5);
		Instant now = Instant.parse("2026-11-24T00:00:00Z");
		// Claims records 1..3 were purged, though 3 is really gone without trace.
		Checkpoint forged = new Checkpoint("tenant-a", 3, records.get(2).hash(), 3, now, now, SIGNER.keyId(),
				new HmacCheckpointSigner(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
						.sign(Checkpoint.signedText("tenant-a", 3, records.get(2).hash(), 3, now, now)));
		ChainVerification result = verify(records.subList(3, 5), forged, 5, records.get(4).hash());
		assertThat(result.intact()).isFalse();
		assertThat(result.reason()).contains("checkpoint");
	}
}
