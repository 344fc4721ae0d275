package io.smartvitals.audit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartvitals.audit.AuditUnavailableException;
import io.smartvitals.audit.chain.ChainVerification;
import io.smartvitals.audit.chain.ChainVerifier;
import io.smartvitals.audit.chain.ChainedRecord;
import io.smartvitals.audit.chain.HmacCheckpointSigner;
import io.smartvitals.audit.record.Actor;
import io.smartvitals.audit.record.AuditAction;
import io.smartvitals.audit.record.AuditRecord;
import io.smartvitals.audit.record.SecurityEvent;
import io.smartvitals.audit.write.AuditChainer;
import io.smartvitals.audit.write.GroupCommitAuditTrail;
import io.smartvitals.audit.write.ReadCommit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The store's rules, run against each database the server supports. */
abstract class AuditStoreContract {

	private static final HmacCheckpointSigner SIGNER = new HmacCheckpointSigner(new byte[32]);
	private static final ChainVerifier VERIFIER = new ChainVerifier(SIGNER);

	abstract DataSource dataSource();

	private static String tenant() {
		return "t-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static AuditRecord event(String tenant, String patient, Instant at) {
		return SecurityEvent.of(AuditAction.TOKEN_ISSUED, tenant).at(at).actor(Actor.client("app", "acme"))
				.onBehalfOf("dr-who").patient(patient).scopes("launch patient/Observation.rs").requestId("r-" + patient).build();
	}

	private List<ChainedRecord> append(AuditStore store, String tenant, int count, Instant at) throws Exception {
		List<AuditRecord> batch = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			batch.add(event(tenant, "p" + i, at.plusMillis(i)));
		}
		return store.append(batch);
	}

	@Test
	void eachTenantHasItsOwnChainStartingAtOne() throws Exception {
		AuditStore store = new AuditStore(dataSource());
		String a = tenant();
		String b = tenant();
		List<AuditRecord> mixed = List.of(event(a, "1", Instant.now()), event(b, "2", Instant.now()), event(a, "3", Instant.now()));
		List<ChainedRecord> stored = store.append(mixed);
		assertThat(stored).extracting(ChainedRecord::seq).containsExactly(1L, 1L, 2L);
		assertThat(stored.get(0).prevHash()).isEqualTo(ChainedRecord.GENESIS);
		assertThat(stored.get(2).prevHash()).isEqualTo(stored.get(0).hash());
		assertThat(store.verify(a, VERIFIER).intact()).isTrue();
		assertThat(store.verify(b, VERIFIER).recordsChecked()).isEqualTo(1);
	}

	@Test
	void storedRecordReadsBackExactly() throws Exception {
		AuditStore store = new AuditStore(dataSource());
		String a = tenant();
		ChainedRecord stored = append(store, a, 1, Instant.now()).get(0);
		assertThat(store.find(a, 1)).contains(stored);
		assertThat(store.find(tenant(), 1)).isEmpty();
	}

	@Test
	void aBatchOfMoreRowsThanOneStatementTakesIsStoredWholeAndInOrder() throws Exception {
		String a = tenant();
		String b = tenant();
		int count = 2 * MultiRowSql.MAX_ROWS + 3;
		List<AuditRecord> batch = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			batch.add(event(i % 3 == 0 ? b : a, "p" + i, Instant.now()));
		}
		AuditOutbox outbox = new AuditOutbox(dataSource());
		outbox.addDurably(batch);
		assertThat(outbox.waiting()).isGreaterThanOrEqualTo(count);
		new AuditChainer(outbox, 1000, Duration.ofMinutes(1)).drain();
		assertThat(outbox.waiting()).isZero();

		AuditStore store = new AuditStore(dataSource());
		List<String> expectedA = batch.stream().filter(r -> r.tenant().equals(a)).flatMap(r -> r.patients().stream()).toList();
		List<String> storedA = new ArrayList<>();
		store.stream(a, Instant.EPOCH, Instant.now().plusSeconds(60), r -> storedA.addAll(r.record().patients()));
		assertThat(storedA).containsExactlyElementsOf(expectedA);
		assertThat(store.verify(a, VERIFIER).intact()).isTrue();
		assertThat(store.verify(b, VERIFIER).recordsChecked()).isEqualTo(count / 3 + 1);
		assertThat(store.find(a, 1).orElseThrow().record()).isEqualTo(batch.get(1));
	}

	@Test
	void searchStaysInsideTheTenantAndFindsByPatient() throws Exception {
		AuditStore store = new AuditStore(dataSource());
		String a = tenant();
		String b = tenant();
		append(store, a, 3, Instant.now());
		append(store, b, 3, Instant.now());
		List<ChainedRecord> found = store.search(new AuditQuery(a, null, null, "p1", null, null, null, null, null, 10));
		assertThat(found).hasSize(1);
		assertThat(found.get(0).record().tenant()).isEqualTo(a);
		assertThat(store.search(new AuditQuery(a, null, null, null, null, "dr-who", "token-issued", 'C', "success", 10))).hasSize(3);
		assertThat(store.search(new AuditQuery(a, null, null, "p_", null, null, null, null, null, 10))).isEmpty();
	}

	@Test
	void concurrentWritersOnTwoNodesNeverForkAChain() throws Exception {
		String a = tenant();
		AuditStore node1 = new AuditStore(dataSource());
		AuditStore node2 = new AuditStore(dataSource());
		ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
		List<Thread> threads = new ArrayList<>();
		for (AuditStore node : List.of(node1, node2, node1, node2)) {
			Thread t = new Thread(() -> {
				try {
					for (int i = 0; i < 20; i++) {
						append(node, a, 5, Instant.now());
					}
				} catch (Throwable e) {
					failures.add(e);
				}
			});
			threads.add(t);
			t.start();
		}
		for (Thread t : threads) {
			t.join();
		}
		assertThat(failures).isEmpty();
		ChainVerification verification = node1.verify(a, VERIFIER);
		assertThat(verification.intact()).isTrue();
		assertThat(verification.recordsChecked()).isEqualTo(400);
		assertThat(verification.lastSeq()).isEqualTo(400);
	}

	@Test
	void groupCommitMakesEveryRecordDurableInTheOutboxAndTheChainerChainsThemAll() throws Exception {
		String a = tenant();
		AuditStore store = new AuditStore(dataSource());
		AuditOutbox outbox = new AuditOutbox(dataSource());
		try (GroupCommitAuditTrail trail = new GroupCommitAuditTrail(outbox, 100, Duration.ofSeconds(30), ReadCommit.DURABLE)) {
			List<Thread> threads = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				Thread thread = new Thread(() -> {
					for (int i = 0; i < 50; i++) {
						trail.record(event(a, "x", Instant.now()));
					}
				});
				threads.add(thread);
				thread.start();
			}
			for (Thread thread : threads) {
				thread.join();
			}
		}
		// Durable as soon as record() returned, though not chained yet.
		assertThat(outbox.waiting()).isGreaterThanOrEqualTo(400);
		assertThat(store.verify(a, VERIFIER).recordsChecked()).isZero();

		new AuditChainer(outbox, 64, Duration.ofMinutes(1)).drain();
		ChainVerification verification = store.verify(a, VERIFIER);
		assertThat(verification.intact()).isTrue();
		assertThat(verification.recordsChecked()).isEqualTo(400);
		assertThat(outbox.waiting()).isZero();
	}

	@Test
	void aRecordTheDatabaseRefusesFailsItsCallerAndTheTrailGoesOn() throws Exception {
		String a = tenant();
		AuditOutbox outbox = new AuditOutbox(dataSource());
		try (Connection c = dataSource().getConnection()) {
			c.createStatement().execute("ALTER TABLE audit_outbox ADD CONSTRAINT refuse_patient_x CHECK (patients IS NULL OR patients <> 'refused')");
		}
		try (GroupCommitAuditTrail trail = new GroupCommitAuditTrail(outbox, 100, Duration.ofSeconds(30), ReadCommit.DURABLE)) {
			assertThatThrownBy(() -> trail.record(event(a, "refused", Instant.now()))).isInstanceOf(AuditUnavailableException.class);
			trail.record(event(a, "kept", Instant.now()));
		} finally {
			try (Connection c = dataSource().getConnection()) {
				c.createStatement().execute("ALTER TABLE audit_outbox DROP CONSTRAINT refuse_patient_x");
			}
		}
		new AuditChainer(outbox, 100, Duration.ofMinutes(1)).drain();
		assertThat(new AuditStore(dataSource()).search(new AuditQuery(a, null, null, null, null, null, null, null, null, 10)))
				.singleElement().satisfies(r -> assertThat(r.record().patients()).containsExactly("kept"));
	}

	@Test
	void aRecordAddedInAWriteTransactionIsChainedOnlyIfThatTransactionCommits() throws Exception {
		String a = tenant();
		AuditStore store = new AuditStore(dataSource());
		AuditOutbox outbox = new AuditOutbox(dataSource());
		AuditChainer chainer = new AuditChainer(outbox, 100, Duration.ofMinutes(1));
		try (Connection write = dataSource().getConnection()) {
			write.setAutoCommit(false);
			outbox.add(write, List.of(event(a, "rolled-back", Instant.now())));
			chainer.drain(); // another transaction: the uncommitted record is invisible to it
			assertThat(store.verify(a, VERIFIER).recordsChecked()).isZero();
			write.rollback();

			outbox.add(write, List.of(event(a, "committed", Instant.now())));
			write.commit();
		}
		chainer.drain();
		assertThat(store.search(new AuditQuery(a, null, null, null, null, null, null, null, null, 10)))
				.singleElement().satisfies(r -> assertThat(r.record().patients()).containsExactly("committed"));
	}

	@Test
	void chainersOnTwoNodesNeverChainARecordTwiceOrLoseOne() throws Exception {
		String a = tenant();
		AuditStore store = new AuditStore(dataSource());
		AuditOutbox node1 = new AuditOutbox(dataSource());
		AuditOutbox node2 = new AuditOutbox(dataSource());
		ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
		try (AuditChainer background1 = new AuditChainer(node1, 7, Duration.ofMillis(1)).start();
				AuditChainer background2 = new AuditChainer(node2, 5, Duration.ofMillis(1)).start()) {
			List<Thread> writers = new ArrayList<>();
			for (AuditOutbox node : List.of(node1, node2, node1, node2)) {
				Thread writer = new Thread(() -> {
					try {
						for (int i = 0; i < 50; i++) {
							node.addDurably(List.of(event(a, "p" + i, Instant.now()), event(a, "q" + i, Instant.now())));
						}
					} catch (Throwable e) {
						failures.add(e);
					}
				});
				writers.add(writer);
				writer.start();
			}
			for (Thread writer : writers) {
				writer.join();
			}
		}
		new AuditChainer(node1, 1000, Duration.ofMinutes(1)).drain();
		assertThat(failures).isEmpty();
		ChainVerification verification = store.verify(a, VERIFIER);
		assertThat(verification.intact()).isTrue();
		assertThat(verification.recordsChecked()).isEqualTo(400);
		assertThat(verification.lastSeq()).isEqualTo(400);
	}

	@Test
	void directEditOfAStoredRowIsNamedByVerification() throws Exception {
		AuditStore store = new AuditStore(dataSource());
		String a = tenant();
		append(store, a, 10, Instant.now());
		try (Connection c = dataSource().getConnection();
				PreparedStatement edit = c.prepareStatement("UPDATE audit_record SET actor_id = 'nobody' WHERE tenant_id = ? AND seq = 7")) {
			edit.setString(1, a);
			assertThat(edit.executeUpdate()).isEqualTo(1);
		}
		ChainVerification verification = store.verify(a, VERIFIER);
		assertThat(verification.intact()).isFalse();
		assertThat(verification.firstBrokenSeq()).isEqualTo(7);
	}

	@Test
	void deletingARowIsNamedByVerification() throws Exception {
		AuditStore store = new AuditStore(dataSource());
		String a = tenant();
		append(store, a, 10, Instant.now());
		try (Connection c = dataSource().getConnection();
				PreparedStatement delete = c.prepareStatement("DELETE FROM audit_record WHERE tenant_id = ? AND seq = 4")) {
			delete.setString(1, a);
			delete.executeUpdate();
		}
		assertThat(store.verify(a, VERIFIER).firstBrokenSeq()).isEqualTo(4);
	}

	@Test
	void purgeKeepsASignedCheckpointAndTheRestStillVerifies() throws Exception {
		AuditStore store = new AuditStore(dataSource());
		String a = tenant();
		Instant old = Instant.now().minus(Duration.ofDays(400));
		append(store, a, 6, old);
		append(store, a, 4, Instant.now());
		PurgeResult result = store.purge(a, Instant.now().minus(Duration.ofDays(365)), VERIFIER, SIGNER);
		assertThat(result.purged()).isEqualTo(6);
		assertThat(result.checkpoint().throughSeq()).isEqualTo(6);
		ChainVerification after = store.verify(a, VERIFIER);
		assertThat(after.intact()).isTrue();
		assertThat(after.recordsChecked()).isEqualTo(4);
		assertThat(after.checkpointSeq()).isEqualTo(6);
		// The chain goes on after the checkpoint.
		append(store, a, 2, Instant.now());
		assertThat(store.verify(a, VERIFIER).intact()).isTrue();
	}

	@Test
	void retentionIsUnsetUntilSetAndThenKept() throws Exception {
		AuditStore store = new AuditStore(dataSource());
		String a = tenant();
		append(store, a, 1, Instant.now());
		assertThat(store.retentionDays(a)).isEmpty();
		store.setRetentionDays(a, 30);
		assertThat(store.retentionDays(a)).contains(30);
		store.setRetentionDays(a, null);
		assertThat(store.retentionDays(a)).isEmpty();
	}

	@Test
	void purgeOfEverythingStillVerifiesAgainstTheCheckpoint() throws Exception {
		AuditStore store = new AuditStore(dataSource());
		String a = tenant();
		append(store, a, 3, Instant.now().minusSeconds(60));
		assertThat(store.purge(a, Instant.now(), VERIFIER, SIGNER).purged()).isEqualTo(3);
		assertThat(store.verify(a, VERIFIER).intact()).isTrue();
	}

	@Test
	void purgeRefusesABrokenChainAndDeletesNothing() throws Exception {
		AuditStore store = new AuditStore(dataSource());
		String a = tenant();
		append(store, a, 5, Instant.now().minus(Duration.ofDays(400)));
		try (Connection c = dataSource().getConnection();
				PreparedStatement edit = c.prepareStatement("UPDATE audit_record SET patients = 'other' WHERE tenant_id = ? AND seq = 2")) {
			edit.setString(1, a);
			edit.executeUpdate();
		}
		PurgeResult result = store.purge(a, Instant.now(), VERIFIER, SIGNER);
		assertThat(result.purged()).isZero();
		assertThat(result.refusedBecause().firstBrokenSeq()).isEqualTo(2);
		assertThat(store.verify(a, VERIFIER).recordsChecked()).isEqualTo(2);
	}

	@Test
	void forgedCheckpointIsCaught() throws Exception {
		AuditStore store = new AuditStore(dataSource());
		String a = tenant();
		append(store, a, 5, Instant.now().minusSeconds(60));
		store.purge(a, Instant.now().minusSeconds(30), VERIFIER, SIGNER);
		try (Connection c = dataSource().getConnection();
				PreparedStatement edit = c.prepareStatement("UPDATE audit_checkpoint SET purged_count = 1 WHERE tenant_id = ?")) {
			edit.setString(1, a);
			edit.executeUpdate();
		}
		ChainVerification verification = store.verify(a, VERIFIER);
		assertThat(verification.intact()).isFalse();
		assertThat(verification.reason()).contains("checkpoint");
	}
}
