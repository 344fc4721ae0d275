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
import java.sql.ResultSet;
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
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** The store's rules, run against each database the server supports. */
abstract class AuditStoreContract {

	private static final HmacCheckpointSigner SIGNER = new HmacCheckpointSigner(new byte[32]);
	private static final ChainVerifier VERIFIER = new ChainVerifier(SIGNER);

	abstract DataSource dataSource();

	private boolean postgres() throws Exception {
		try (Connection c = dataSource().getConnection()) {
			return "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
		}
	}

	/** Work for one thread of a concurrency test. */
	private interface Work {
		void run() throws Exception;
	}

	/** Runs each piece of work on a thread of its own, all at once, and returns what they threw. */
	private static List<Throwable> concurrently(List<Work> work) throws InterruptedException {
		ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
		List<Thread> threads = new ArrayList<>();
		for (Work piece : work) {
			Thread thread = new Thread(() -> {
				try {
					piece.run();
				} catch (Throwable e) {
					failures.add(e);
				}
			});
			threads.add(thread);
			thread.start();
		}
		for (Thread thread : threads) {
			thread.join();
		}
		return List.copyOf(failures);
	}

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
		commitToOutbox(outbox, batch);
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
		List<Work> writers = new ArrayList<>();
		for (AuditStore node : List.of(node1, node2, node1, node2)) {
			writers.add(() -> {
				for (int i = 0; i < 20; i++) {
					append(node, a, 5, Instant.now());
				}
			});
		}
		assertThat(concurrently(writers)).isEmpty();
		ChainVerification verification = node1.verify(a, VERIFIER);
		assertThat(verification.intact()).isTrue();
		assertThat(verification.recordsChecked()).isEqualTo(400);
		assertThat(verification.lastSeq()).isEqualTo(400);
	}

	/** As a FHIR write's or an admin change's transaction adds its record. */
	private void commitToOutbox(AuditOutbox outbox, List<AuditRecord> records) throws Exception {
		JdbcTransaction.run(dataSource(), c -> {
			outbox.add(c, records);
			return null;
		});
	}

	@Test
	void groupCommitChainsEveryRecordAsItCommits() throws Exception {
		String a = tenant();
		AuditStore store = new AuditStore(dataSource());
		List<Throwable> failures;
		try (GroupCommitAuditTrail trail = new GroupCommitAuditTrail(new ChainWriter(dataSource()), 100, Duration.ofSeconds(30),
				ReadCommit.ASYNCHRONOUS)) {
			List<Work> requests = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				boolean reads = t % 2 == 0;
				requests.add(() -> {
					for (int i = 0; i < 50; i++) {
						if (reads) {
							trail.recordRead(event(a, "read", Instant.now()));
						} else {
							trail.record(event(a, "change", Instant.now()));
						}
					}
				});
			}
			failures = concurrently(requests);
		}
		assertThat(failures).isEmpty();
		// Chained as soon as record() returned: nothing waits in the outbox.
		ChainVerification verification = store.verify(a, VERIFIER);
		assertThat(verification.intact()).isTrue();
		assertThat(verification.recordsChecked()).isEqualTo(400);
		assertThat(store.search(new AuditQuery(a, null, null, "read", null, null, null, null, null, 1000))).hasSize(200);
	}

	@Test
	void aRecordTheDatabaseRefusesFailsItsCallerAndTheTrailGoesOn() throws Exception {
		String a = tenant();
		try (Connection c = dataSource().getConnection()) {
			c.createStatement().execute("ALTER TABLE audit_record ADD CONSTRAINT refuse_patient_x CHECK (patients IS NULL OR patients <> 'refused')");
		}
		try (GroupCommitAuditTrail trail = new GroupCommitAuditTrail(new ChainWriter(dataSource()), 100, Duration.ofSeconds(30),
				ReadCommit.DURABLE)) {
			trail.record(event(a, "before", Instant.now()));
			assertThatThrownBy(() -> trail.record(event(a, "refused", Instant.now()))).isInstanceOf(AuditUnavailableException.class);
			trail.record(event(a, "kept", Instant.now()));
		} finally {
			try (Connection c = dataSource().getConnection()) {
				c.createStatement().execute("ALTER TABLE audit_record DROP CONSTRAINT refuse_patient_x");
			}
		}
		AuditStore store = new AuditStore(dataSource());
		assertThat(store.search(new AuditQuery(a, null, null, null, null, null, null, null, null, 10)))
				.extracting(r -> r.record().patients().get(0)).containsExactly("kept", "before");
		assertThat(store.verify(a, VERIFIER).intact()).isTrue();
	}

	@Test
	void aWriterWhoseHeadMovedChainsAfterTheMovedHead() throws Exception {
		String a = tenant();
		ChainWriter node1 = new ChainWriter(dataSource());
		ChainWriter node2 = new ChainWriter(dataSource());
		AuditOutbox outbox = new AuditOutbox(dataSource());
		node1.append(List.of(event(a, "1", Instant.now())), true);
		node1.append(List.of(event(a, "2", Instant.now())), true); // node1 knows the head now
		node2.append(List.of(event(a, "3", Instant.now())), true);
		commitToOutbox(outbox, List.of(event(a, "4", Instant.now())));
		new AuditChainer(outbox, 100, Duration.ofMinutes(1)).drain();
		List<ChainedRecord> after = node1.append(List.of(event(a, "5", Instant.now()), event(a, "6", Instant.now())), true);
		assertThat(after).extracting(ChainedRecord::seq).containsExactly(5L, 6L);
		node1.append(List.of(event(a, "7", Instant.now())), true);
		// PostgreSQL: node1 re-read the head only at its first append and after the others moved it.
		assertThat(node1.carefulAppends()).isEqualTo(postgres() ? 2 : 4);

		AuditStore store = new AuditStore(dataSource());
		ChainVerification verification = store.verify(a, VERIFIER);
		assertThat(verification.intact()).isTrue();
		assertThat(verification.lastSeq()).isEqualTo(7);
		List<String> patients = new ArrayList<>();
		store.stream(a, Instant.EPOCH, Instant.now().plusSeconds(60), r -> patients.addAll(r.record().patients()));
		assertThat(patients).containsExactly("1", "2", "3", "4", "5", "6", "7");
	}

	@Test
	void aLargeBatchOfSeveralTenantsAfterKnownHeadsIsChainedWholeAndInOrder() throws Exception {
		String a = tenant();
		String b = tenant();
		ChainWriter writer = new ChainWriter(dataSource());
		writer.append(List.of(event(a, "first", Instant.now()), event(b, "first", Instant.now())), true);
		int count = 2 * MultiRowSql.MAX_ROWS + 3;
		List<AuditRecord> batch = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			batch.add(event(i % 3 == 0 ? b : a, "p" + i, Instant.now()));
		}
		List<ChainedRecord> chained = writer.append(batch, false);
		assertThat(chained).extracting(r -> r.record()).containsExactlyElementsOf(batch);

		AuditStore store = new AuditStore(dataSource());
		List<String> storedB = new ArrayList<>();
		store.stream(b, Instant.EPOCH, Instant.now().plusSeconds(60), r -> storedB.addAll(r.record().patients()));
		List<String> expectedB = new ArrayList<>(List.of("first"));
		batch.stream().filter(r -> r.tenant().equals(b)).forEach(r -> expectedB.addAll(r.patients()));
		assertThat(storedB).containsExactlyElementsOf(expectedB);
		assertThat(store.verify(a, VERIFIER).intact()).isTrue();
		assertThat(store.verify(a, VERIFIER).recordsChecked()).isEqualTo(1 + count - (count / 3 + 1));
		assertThat(store.verify(b, VERIFIER).intact()).isTrue();
	}

	@Test
	void anAsynchronousCommitLeavesTheConnectionDurable() throws Exception {
		String a = tenant();
		try (Connection c = dataSource().getConnection()) {
			SingleConnectionDataSource one = new SingleConnectionDataSource(c, true);
			ChainWriter writer = new ChainWriter(one);
			writer.append(List.of(event(a, "1", Instant.now())), false); // the careful way (head not known yet)
			writer.append(List.of(event(a, "2", Instant.now())), false); // one statement
			writer.append(List.of(event(a, "3", Instant.now()), event(tenant(), "4", Instant.now())), false);
			assertThat(writer.carefulAppends()).isEqualTo(postgres() ? 2 : 3);
			if (postgres()) {
				try (ResultSet rs = c.createStatement().executeQuery("SHOW synchronous_commit")) {
					rs.next();
					assertThat(rs.getString(1)).isEqualTo("on");
				}
			}
			assertThat(c.getAutoCommit()).isTrue();
		}
		assertThat(new AuditStore(dataSource()).verify(a, VERIFIER).recordsChecked()).isEqualTo(3);
	}

	@Test
	void writersOnTwoNodesAndTheOutboxChainerNeverForkAChain() throws Exception {
		String a = tenant();
		AuditOutbox outbox = new AuditOutbox(dataSource());
		List<Throwable> failures;
		try (AuditChainer chainer = new AuditChainer(outbox, 7, Duration.ofMillis(1)).start()) {
			List<Work> writers = new ArrayList<>();
			for (ChainWriter node : List.of(new ChainWriter(dataSource()), new ChainWriter(dataSource()))) {
				for (int t = 0; t < 2; t++) {
					writers.add(() -> {
						for (int i = 0; i < 50; i++) {
							node.append(List.of(event(a, "w" + i, Instant.now()), event(a, "v" + i, Instant.now())), i % 2 == 0);
							if (i % 5 == 0) {
								commitToOutbox(outbox, List.of(event(a, "o" + i, Instant.now())));
							}
						}
					});
				}
			}
			failures = concurrently(writers);
		}
		new AuditChainer(outbox, 1000, Duration.ofMinutes(1)).drain();
		assertThat(failures).isEmpty();
		ChainVerification verification = new AuditStore(dataSource()).verify(a, VERIFIER);
		assertThat(verification.intact()).isTrue();
		assertThat(verification.recordsChecked()).isEqualTo(4 * (100 + 10));
		assertThat(verification.lastSeq()).isEqualTo(4 * (100 + 10));
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
		List<Throwable> failures;
		try (AuditChainer background1 = new AuditChainer(node1, 7, Duration.ofMillis(1)).start();
				AuditChainer background2 = new AuditChainer(node2, 5, Duration.ofMillis(1)).start()) {
			List<Work> writers = new ArrayList<>();
			for (AuditOutbox node : List.of(node1, node2, node1, node2)) {
				writers.add(() -> {
					for (int i = 0; i < 50; i++) {
						commitToOutbox(node, List.of(event(a, "p" + i, Instant.now()), event(a, "q" + i, Instant.now())));
					}
				});
			}
			failures = concurrently(writers);
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

	private List<String> chainedRequestIds(AuditStore store, String tenant) throws Exception {
		List<String> ids = new ArrayList<>();
		store.stream(tenant, Instant.EPOCH, Instant.now().plusSeconds(3600), r -> ids.add(r.record().requestId()));
		return ids;
	}

	@Test
	void asynchronousReadsAndOutboxChangesShareOneIntactChain() throws Exception {
		String a = tenant();
		AuditStore store = new AuditStore(dataSource());
		ChainWriter writer = new ChainWriter(dataSource());
		AuditOutbox outbox = new AuditOutbox(dataSource());
		try (GroupCommitAuditTrail trail = new GroupCommitAuditTrail(writer, 100, Duration.ofSeconds(10), ReadCommit.ASYNCHRONOUS)) {
			AuditChainer chainer = new AuditChainer(outbox, 3, Duration.ofMinutes(1));
			for (int i = 0; i < 10; i++) {
				trail.recordRead(event(a, "read" + i, Instant.now()));
				commitToOutbox(outbox, List.of(event(a, "change" + i, Instant.now())));
				if (i % 4 == 0) {
					chainer.drain();
				}
			}
			chainer.drain();
			assertThat(chainedRequestIds(store, a)).hasSize(20).doesNotHaveDuplicates();
			assertThat(store.verify(a, VERIFIER).intact()).isTrue();
		}
	}
}
