package io.smartvitals.bench;

import io.smartvitals.audit.journal.AuditJournal;
import io.smartvitals.audit.journal.FlushDelay;
import io.smartvitals.audit.record.Actor;
import io.smartvitals.audit.record.AuditAction;
import io.smartvitals.audit.record.AuditRecord;
import io.smartvitals.audit.record.Outcome;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How well the journal's flushed appends share their flushes to disk, without a server: from each
 * client thread count, appends per second, appends per flush and process CPU per append, for
 * {@link AuditJournal#append} with and without a flush.
 *
 * <pre>java -cp ... io.smartvitals.bench.JournalFlushBenchmark --threads 1,2,8 --seconds 4 --dir . [--flush-delay-us 1000]</pre>
 *
 * <p>With {@code --flush-delay-us}, a flush's leader waits that long first whenever two other
 * threads have not yet asked for a flush ({@link FlushDelay}; every thread counts as in progress).
 */
public final class JournalFlushBenchmark {

	private interface Appender {
		void append(int i) throws Exception;
	}

	private record Result(long appends, long flushes, long wallNanos, long cpuNanos) {
		String describe(String what, int threads) {
			String perFlush = flushes == 0 ? "-" : String.format("%.2f", appends / (double) flushes);
			return String.format("%-24s threads=%d: %7d appends/s, %5s appends per flush, %4.0f us CPU per append", what, threads,
					appends * 1_000_000_000L / wallNanos, perFlush, cpuNanos / 1000.0 / appends);
		}
	}

	public static void main(String[] args) throws Exception {
		Arguments arguments = Arguments.parse(args);
		long seconds = arguments.getInt("seconds", 4);
		Path under = Path.of(arguments.get("dir", "."));
		Duration delay = Duration.ofNanos(1000L * arguments.getInt("flush-delay-us", 0));
		for (String count : arguments.get("threads", "1,2,8").split(",")) {
			int threads = Integer.parseInt(count.trim());
			for (boolean flush : new boolean[] {true, false}) {
				Path directory = Files.createTempDirectory(under, "journal-flush-bench");
				// Every thread counts as a request in progress, as in a server under load.
				FlushDelay flushDelay = delay.isZero() ? FlushDelay.NONE : new FlushDelay(delay, 2, () -> threads);
				try (AuditJournal journal = AuditJournal.open(directory, 64L << 20, flushDelay)) {
					Result result = run(threads, seconds, i -> journal.append(record(i), flush), journal::flushes);
					System.out.println(result.describe(flush ? "flushed appends" : "appends without a flush", threads));
				}
				deleteJournal(directory);
			}
		}
	}

	private static void deleteJournal(Path directory) throws IOException {
		try (var files = Files.list(directory)) {
			for (Path file : files.toList()) {
				Files.delete(file);
			}
		}
		Files.delete(directory);
	}

	private static AuditRecord record(int i) {
		return new AuditRecord(Instant.now(), "bench", Actor.client("bench-client", "bench"), null, new AuditAction("read"),
				List.of("Observation/" + i), List.of("p-" + i % 200), Outcome.SUCCESS, 200, "system/*.rs", "system/*.rs", "127.0.0.1",
				"bench-" + i, null);
	}

	private static Result run(int threads, long seconds, Appender appender, java.util.function.LongSupplier flushes) throws Exception {
		var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		AtomicLong appends = new AtomicLong();
		long flushesBefore = flushes.getAsLong();
		long cpuBefore = os.getProcessCpuTime();
		long start = System.nanoTime();
		long end = start + TimeUnit.SECONDS.toNanos(seconds);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<?>> running = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			running.add(pool.submit(() -> {
				int i = 0;
				while (System.nanoTime() < end) {
					appender.append(i++);
					appends.incrementAndGet();
				}
				return null;
			}));
		}
		for (Future<?> thread : running) {
			thread.get();
		}
		pool.shutdown();
		return new Result(appends.get(), flushes.getAsLong() - flushesBefore, System.nanoTime() - start, os.getProcessCpuTime() - cpuBefore);
	}
}
