package io.smartvitals.audit.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.smartvitals.audit.record.Actor;
import io.smartvitals.audit.record.ActorKind;
import io.smartvitals.audit.record.AuditAction;
import io.smartvitals.audit.record.AuditRecord;
import io.smartvitals.audit.record.Outcome;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditJournalTest {

	@TempDir
	Path directory;

	private static AuditRecord read(String id) {
		return new AuditRecord(Instant.parse("2026-12-02T10:15:30.123Z"), "tenant-a", Actor.client("app", "acme"), "dr-who",
				new AuditAction("read"), List.of("Observation/" + id), List.of("p-" + id), Outcome.SUCCESS, 200,
				"patient/Observation.rs", "launch patient/Observation.rs", "10.0.0.7", "req-" + id, null);
	}

	/** Everything in the journal from its oldest segment, following segments to the end. */
	private static List<AuditRecord> readAll(AuditJournal journal) throws IOException {
		List<AuditRecord> all = new ArrayList<>();
		JournalPosition at = journal.start();
		while (true) {
			JournalRead read = journal.read(at, 7);
			all.addAll(read.records());
			if (read.next().equals(at)) {
				return all;
			}
			at = read.next();
		}
	}

	private List<Path> segmentFiles() throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter(f -> f.getFileName().toString().startsWith("segment-")).sorted().toList();
		}
	}

	@Test
	void aRecordReadsBackExactlyWithEveryField() throws IOException {
		AuditRecord full = read("1");
		AuditRecord sparse = new AuditRecord(Instant.parse("2026-12-02T10:15:30Z"), AuditRecord.SERVER_CHAIN,
				new Actor(null, ActorKind.UNKNOWN, null), null, new AuditAction("search-type"), List.of(), List.of(),
				Outcome.FAILED, null, null, null, null, null, "détail ünicode ✓");
		try (AuditJournal journal = AuditJournal.open(directory, 1 << 20)) {
			journal.append(full, true);
			journal.append(sparse, false);
			JournalRead read = journal.read(journal.start(), 10);
			assertThat(read.records()).containsExactly(full, sparse);
			assertThat(read.next()).isEqualTo(journal.end());
			assertThat(read.damagedBytes()).isZero();
		}
	}

	@Test
	void readsTakeAtMostMaxAndGoOnWhereTheyStopped() throws IOException {
		try (AuditJournal journal = AuditJournal.open(directory, 1 << 20)) {
			for (int i = 0; i < 5; i++) {
				journal.append(read(String.valueOf(i)), false);
			}
			JournalRead first = journal.read(journal.start(), 3);
			assertThat(first.records()).extracting(AuditRecord::requestId).containsExactly("req-0", "req-1", "req-2");
			JournalRead second = journal.read(first.next(), 3);
			assertThat(second.records()).extracting(AuditRecord::requestId).containsExactly("req-3", "req-4");
			JournalRead third = journal.read(second.next(), 3);
			assertThat(third.records()).isEmpty();
			assertThat(third.next()).isEqualTo(second.next());
		}
	}

	@Test
	void entriesAcrossAReadChunksEndAndOneLargerThanAChunkReadBackWhole() throws IOException {
		// Reads go a 1 MiB chunk at a time: ~6,000 small entries (over 1 MiB) cross a chunk's end, the large one is bigger than a chunk.
		AuditRecord large = new AuditRecord(Instant.parse("2026-12-02T10:15:30Z"), "tenant-a", Actor.client("app", "acme"), null,
				new AuditAction("search-type"), List.of(), List.of(), Outcome.SUCCESS, 200, null, null, null, "req-large",
				"x".repeat(1_500_000));
		List<AuditRecord> written = new ArrayList<>();
		try (AuditJournal journal = AuditJournal.open(directory, 64 << 20)) {
			for (int i = 0; i < 8000; i++) {
				written.add(read(String.valueOf(i)));
			}
			written.add(6000, large);
			for (AuditRecord record : written) {
				journal.append(record, false);
			}
			JournalRead all = journal.read(journal.start(), 10_000);
			assertThat(all.records()).containsExactlyElementsOf(written);
			assertThat(all.next()).isEqualTo(journal.end());
			assertThat(all.damagedBytes()).isZero();
		}
	}

	@Test
	void flushesCountOnlyTheFlushesAppendsWaitedFor() throws IOException {
		try (AuditJournal journal = AuditJournal.open(directory, 1 << 20)) {
			journal.append(read("1"), false);
			journal.append(read("2"), false);
			assertThat(journal.flushes()).isZero();
			journal.append(read("3"), true);
			journal.append(read("4"), true);
			// Alone, each flushed append needs a flush of its own.
			assertThat(journal.flushes()).isEqualTo(2);
		}
	}

	@Test
	void underLoadALeaderWaitsForTheOthersRecordAndFlushesBothOnceItsWriterWaitsToo() throws Exception {
		CountDownLatch leaderWaits = new CountDownLatch(1);
		AtomicInteger forces = new AtomicInteger();
		// Two requests in progress: the leader and one that has not yet asked for a flush. The
		// minute-long delay must end early, when that one asks too.
		FlushDelay delay = new FlushDelay(Duration.ofMinutes(1), 1, () -> {
			leaderWaits.countDown();
			return 2;
		});
		try (AuditJournal journal = AuditJournal.open(directory, 1 << 20, segment -> {
			forces.incrementAndGet();
			segment.force(false);
		}, delay)) {
			ExecutorService leader = Executors.newSingleThreadExecutor();
			try {
				Future<?> first = leader.submit(() -> {
					journal.append(read("1"), true);
					return null;
				});
				assertThat(leaderWaits.await(10, TimeUnit.SECONDS)).isTrue();
				assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
					journal.append(read("2"), true);
					first.get();
				});
			} finally {
				leader.shutdownNow();
			}
			assertThat(forces.get()).isEqualTo(1);
			assertThat(journal.flushes()).isEqualTo(1);
		}
	}

	@Test
	void aLeaderFlushesAtOnceWhenNoOtherRequestMayStillWrite() throws IOException {
		// Only the leader itself in progress: the minute-long delay must not apply.
		FlushDelay delay = new FlushDelay(Duration.ofMinutes(1), 1, () -> 1);
		try (AuditJournal journal = AuditJournal.open(directory, 1 << 20, delay)) {
			assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
				journal.append(read("1"), true);
				journal.append(read("2"), true);
			});
			assertThat(journal.flushes()).isEqualTo(2);
		}
	}

	@Test
	void fullSegmentsAreClosedAndReadOnIntoTheNextAndPassedOnesCanBeDeleted() throws IOException {
		try (AuditJournal journal = AuditJournal.open(directory, 1000)) {
			for (int i = 0; i < 20; i++) {
				journal.append(read(String.valueOf(i)), i % 2 == 0);
			}
			assertThat(segmentFiles()).hasSizeGreaterThan(3);
			assertThat(readAll(journal)).extracting(AuditRecord::requestId)
					.containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20).mapToObj(i -> "req-" + i).toList());
			journal.deleteBefore(journal.end());
			assertThat(segmentFiles()).hasSize(1);
			assertThat(journal.read(journal.start(), 100).records()).isNotEmpty();
		}
	}

	@Test
	void aSecondProcessCannotOpenTheSameJournal() throws IOException {
		try (AuditJournal journal = AuditJournal.open(directory, 1 << 20)) {
			// FileChannel locks are per process: a second open in this JVM is refused the same way.
			assertThatThrownBy(() -> AuditJournal.open(directory, 1 << 20))
					.isInstanceOf(IllegalStateException.class).hasMessageContaining("Another process");
		}
	}

	@Test
	void aReopenedJournalKeepsItsIdAndItsRecordsAndWritesANewSegment() throws IOException {
		String id;
		try (AuditJournal journal = AuditJournal.open(directory, 1 << 20)) {
			id = journal.nodeId();
			journal.append(read("before"), true);
		}
		try (AuditJournal journal = AuditJournal.open(directory, 1 << 20)) {
			assertThat(journal.nodeId()).isEqualTo(id);
			assertThat(journal.end().segment()).isGreaterThan(journal.start().segment());
			journal.append(read("after"), true);
			assertThat(readAll(journal)).extracting(AuditRecord::requestId).containsExactly("req-before", "req-after");
		}
	}

	@Test
	void anEntryCutShortByACrashIsPassedAndCounted() throws IOException {
		try (AuditJournal journal = AuditJournal.open(directory, 1 << 20)) {
			journal.append(read("1"), true);
			journal.append(read("2"), true);
		}
		Path segment = segmentFiles().get(0);
		long whole = Files.size(segment);
		// What a kill in the middle of a write leaves: the first bytes of a third entry.
		byte[] third = EntryFormat.frame(read("3"));
		Files.write(segment, java.util.Arrays.copyOf(third, 20), StandardOpenOption.APPEND);
		try (AuditJournal journal = AuditJournal.open(directory, 1 << 20)) {
			JournalRead first = journal.read(journal.start(), 10);
			assertThat(first.records()).extracting(AuditRecord::requestId).containsExactly("req-1", "req-2");
			assertThat(first.next().offset()).isEqualTo(whole);
			JournalRead rest = journal.read(first.next(), 10);
			assertThat(rest.records()).isEmpty();
			assertThat(rest.damagedBytes()).isEqualTo(throughLastNonZero(java.util.Arrays.copyOf(third, 20)));
			assertThat(rest.next()).isEqualTo(new JournalPosition(journal.end().segment(), 0));
		}
	}

	@Test
	void theSegmentBeingWrittenIsFilledWithZerosAheadAndCutBackToItsEntriesWhenClosed() throws IOException {
		long entries = 2L * EntryFormat.frame(read("1")).length;
		try (AuditJournal journal = AuditJournal.open(directory, 64 << 20)) {
			journal.append(read("1"), true);
			journal.append(read("2"), true);
			assertThat(Files.size(segmentFiles().get(0))).isEqualTo(AuditJournal.PREALLOCATION);
		}
		assertThat(Files.size(segmentFiles().get(0))).isEqualTo(entries);
	}

	@Test
	void aSmallSegmentIsFilledAheadOnlyToItsSizeAndARolledOneIsCutBack() throws IOException {
		int frame = EntryFormat.frame(read("1")).length;
		try (AuditJournal journal = AuditJournal.open(directory, 3L * frame)) {
			for (int i = 1; i <= 4; i++) {
				journal.append(read(String.valueOf(i)), true);
			}
			List<Path> segments = segmentFiles();
			assertThat(Files.size(segments.get(0))).isEqualTo(3L * frame);
			assertThat(Files.size(segments.get(1))).isEqualTo(3L * frame);
			assertThat(readAll(journal)).extracting(AuditRecord::requestId).containsExactly("req-1", "req-2", "req-3", "req-4");
		}
	}

	/** Damage is counted through its last byte that is not zero (zeros after it look like space written ahead). */
	private static long throughLastNonZero(byte[] bytes) {
		int last = bytes.length;
		while (last > 0 && bytes[last - 1] == 0) {
			last--;
		}
		return last;
	}

	/** What a process killed while writing leaves: its entries, then the zeros written ahead of them. */
	private Path crashedSegment(byte[] afterTheEntries) throws IOException {
		try (AuditJournal journal = AuditJournal.open(directory, 1 << 20)) {
			journal.append(read("1"), true);
			journal.append(read("2"), true);
		}
		Path segment = segmentFiles().get(0);
		byte[] tail = java.util.Arrays.copyOf(afterTheEntries, AuditJournal.PREALLOCATION);
		Files.write(segment, tail, StandardOpenOption.APPEND);
		return segment;
	}

	@Test
	void zerosAfterTheEntriesOfACrashedSegmentEndItWithoutDamage() throws IOException {
		crashedSegment(new byte[0]);
		try (AuditJournal journal = AuditJournal.open(directory, 1 << 20)) {
			journal.append(read("3"), true);
			JournalRead first = journal.read(journal.start(), 10);
			assertThat(first.records()).extracting(AuditRecord::requestId).containsExactly("req-1", "req-2");
			JournalRead rest = journal.read(first.next(), 10);
			assertThat(rest.records()).isEmpty();
			assertThat(rest.damagedBytes()).isZero();
			assertThat(rest.next()).isEqualTo(new JournalPosition(journal.end().segment(), 0));
			assertThat(readAll(journal)).extracting(AuditRecord::requestId).containsExactly("req-1", "req-2", "req-3");
		}
	}

	@Test
	void anEntryCutShortBeforeTheZerosCountsOnlyItsOwnBytesAsDamaged() throws IOException {
		byte[] cutShort = java.util.Arrays.copyOf(EntryFormat.frame(read("3")), 20);
		crashedSegment(cutShort);
		try (AuditJournal journal = AuditJournal.open(directory, 1 << 20)) {
			JournalRead first = journal.read(journal.start(), 10);
			JournalRead rest = journal.read(first.next(), 10);
			assertThat(rest.damagedBytes()).isEqualTo(throughLastNonZero(cutShort)).isGreaterThan(8);
		}
	}

	@Test
	void bytesThatReachedTheDiskAfterAGapOfZerosAreCountedAsDamaged() throws IOException {
		// A machine crash can write a later page back and lose an earlier one: zeros, then entry bytes.
		byte[] gapThenData = new byte[4096 + 100];
		java.util.Arrays.fill(gapThenData, 4096, gapThenData.length, (byte) 7);
		crashedSegment(gapThenData);
		try (AuditJournal journal = AuditJournal.open(directory, 1 << 20)) {
			JournalRead first = journal.read(journal.start(), 10);
			assertThat(first.records()).hasSize(2);
			JournalRead rest = journal.read(first.next(), 10);
			assertThat(rest.records()).isEmpty();
			assertThat(rest.damagedBytes()).isEqualTo(4096 + 100);
		}
	}

	@Test
	void aDamagedEntryStopsTheReadAtTheLastWholeOne() throws IOException {
		try (AuditJournal journal = AuditJournal.open(directory, 1 << 20)) {
			journal.append(read("1"), true);
			journal.append(read("2"), true);
			journal.append(read("3"), true);
		}
		Path segment = segmentFiles().get(0);
		long secondStart = EntryFormat.frame(read("1")).length;
		try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
			// A flipped byte inside the second entry's payload.
			file.seek(secondStart + EntryFormat.HEADER_BYTES + 30);
			int b = file.read();
			file.seek(secondStart + EntryFormat.HEADER_BYTES + 30);
			file.write(b ^ 0x01);
		}
		try (AuditJournal journal = AuditJournal.open(directory, 1 << 20)) {
			JournalRead first = journal.read(journal.start(), 10);
			assertThat(first.records()).extracting(AuditRecord::requestId).containsExactly("req-1");
			JournalRead rest = journal.read(first.next(), 10);
			assertThat(rest.damagedBytes()).isEqualTo(Files.size(segment) - secondStart);
		}
	}

	@Test
	void damageInTheSegmentBeingWrittenStartsANewOneSoItCanBePassed() throws IOException {
		try (AuditJournal journal = AuditJournal.open(directory, 1 << 20)) {
			journal.append(read("1"), true);
			Path segment = segmentFiles().get(0);
			try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
				file.seek(EntryFormat.HEADER_BYTES + 30);
				int b = file.read();
				file.seek(EntryFormat.HEADER_BYTES + 30);
				file.write(b ^ 0x01);
			}
			JournalPosition start = journal.start();
			JournalRead damaged = journal.read(start, 10);
			assertThat(damaged.records()).isEmpty();
			assertThat(damaged.next()).isEqualTo(start);
			journal.append(read("2"), true);
			JournalRead passed = journal.read(start, 10);
			assertThat(passed.damagedBytes()).isPositive();
			assertThat(journal.read(passed.next(), 10).records()).extracting(AuditRecord::requestId).containsExactly("req-2");
		}
	}

	@Test
	void concurrentFlushedAppendsAreAllKeptWhole() throws Exception {
		Set<String> written = ConcurrentHashMap.newKeySet();
		try (AuditJournal journal = AuditJournal.open(directory, 4000)) {
			List<Thread> threads = new ArrayList<>();
			List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
			for (int t = 0; t < 8; t++) {
				int thread = t;
				threads.add(new Thread(() -> {
					try {
						for (int i = 0; i < 50; i++) {
							String id = thread + "-" + i;
							journal.append(read(id), true);
							written.add("req-" + id);
						}
					} catch (Throwable e) {
						failures.add(e);
					}
				}));
			}
			threads.forEach(Thread::start);
			for (Thread thread : threads) {
				thread.join();
			}
			assertThat(failures).isEmpty();
			assertThat(readAll(journal)).extracting(AuditRecord::requestId).hasSize(400).containsExactlyInAnyOrderElementsOf(written);
		}
	}

	@Test
	void afterAFailedFlushNoAppendThatWaitsForOneSucceeds() throws IOException {
		AtomicInteger forces = new AtomicInteger();
		try (AuditJournal journal = AuditJournal.open(directory, 1 << 20, segment -> {
			if (forces.incrementAndGet() == 2) {
				throw new IOException("disk gone");
			}
			segment.force(false);
		}, FlushDelay.NONE)) {
			journal.append(read("before"), true);
			assertThatThrownBy(() -> journal.append(read("failed"), true)).isInstanceOf(IOException.class)
					.hasRootCauseMessage("disk gone");
			// The disk may be back, but what the failed flush left is unknown: later flushed appends fail too, without trying.
			assertThatThrownBy(() -> journal.append(read("after"), true)).isInstanceOf(IOException.class)
					.hasMessageContaining("could not be flushed");
			assertThat(forces).hasValue(2);
			assertThat(journal.flushes()).isEqualTo(1);
		}
	}

	@Test
	void aClosedJournalRefusesAppends() throws IOException {
		AuditJournal journal = AuditJournal.open(directory, 1 << 20);
		journal.close();
		assertThatThrownBy(() -> journal.append(read("late"), true)).isInstanceOf(IOException.class);
	}
}
