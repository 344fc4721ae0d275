package io.smartvitals.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartvitals.audit.record.Actor;
import io.smartvitals.audit.record.AuditAction;
import io.smartvitals.audit.record.AuditRecord;
import io.smartvitals.audit.record.Outcome;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanonicalFormTest {

	@Test
	void canonicalFormIsTheDocumentedJsonArray() {
		AuditRecord r = new AuditRecord(Instant.parse("2026-11-23T10:15:30.123456Z"), "general-hospital",
				Actor.client("my-app", null), "Practitioner/p1", AuditAction.rest("read"), List.of("Observation/o1"),
				List.of("p7"), Outcome.SUCCESS, 200, "user/Observation.rs", "user/Observation.rs openid", "127.0.0.1",
				"req-1", "say \"hi\"\n");
		assertThat(CanonicalForm.of(3, r, ChainedRecord.GENESIS)).isEqualTo(
				"[\"vitals-audit-v1\",\"general-hospital\",3,\"2026-11-23T10:15:30.123Z\",\"my-app\",\"non-human\",null,"
						+ "\"Practitioner/p1\",\"read\",[\"Observation/o1\"],[\"p7\"],\"success\",200,\"user/Observation.rs\","
						+ "\"user/Observation.rs openid\",\"127.0.0.1\",\"req-1\",\"say \\\"hi\\\"\\u000a\",\"" + "0".repeat(64) + "\"]");
	}

	@Test
	void hashIsSha256HexOfTheCanonicalForm() {
		AuditRecord r = new AuditRecord(Instant.EPOCH, "t-1", Actor.anonymous(), null, AuditAction.rest("metadata"), null, null,
				Outcome.SUCCESS, null, null, null, null, null, null);
		assertThat(CanonicalForm.hash(1, r, ChainedRecord.GENESIS))
				.isEqualTo(CanonicalForm.sha256Hex(CanonicalForm.of(1, r, ChainedRecord.GENESIS)))
				.hasSize(64)
				.matches("[0-9a-f]{64}");
	}
}
