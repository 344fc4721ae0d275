package io.smartvitals.bench;

import io.smartvitals.audit.journal.AuditJournal;
import io.smartvitals.audit.record.Actor;
import io.smartvitals.audit.record.AuditAction;
import io.smartvitals.audit.record.AuditRecord;
import io.smartvitals.audit.record.Outcome;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * client thread count, appends per second, appends per flush and process CPU per append, for the
 * journal as built ({@link AuditJournal#append} with flush) and, for comparison, for a prototype
 * with one dedicated flusher thread that forces while anyone waits (as PostgreSQL's WAL writer
 * lets committers share a flush). The prototype is an experiment, not the product's code.
 *
 * <pre>java -cp ... io.smartvitals.bench.JournalFlushBenchmark --threads 1,2,8 --seconds 4 --dir .</pre>
 */
public final class JournalFlushBenchmark {

	private interface Appender {
		void append(int i) throws Exception;
	}

	private record Result(long appends, long flushes, long wallNanos, long cpuNanos) {
		String describe(String what, int threads) {
			return String.format("%-36s threads=%d: %7d appends/s, %5.2f appends per flush, %4.0f us CPU per append", what, threads,
					appends * 1_000_000_000L / wallNanos, appends / (double) Math.max(1, flushes), cpuNanos / 1000.0 / appends);
		}
	}

	public static void main(String[] args) throws Exception {
		Arguments arguments = Arguments.parse(args);
		long seconds = arguments.getInt("seconds", 4);
		Path under = Path.of(arguments.get("dir", "."));
		for (String count : arguments.get("threads", "1,2,8").split(",")) {
			int threads = Integer.parseInt(count.trim());
			Path directory = Files.createTempDirectory(under, "journal-flush-bench");
			try (AuditJournal journal = AuditJournal.open(directory, 64L << 20)) {
				Result built = run(threads, seconds, i -> journal.append(record(i), true), journal::flushes);
				System.out.println(built.describe("journal as built (lock holder flushes)", threads));
			}
			Path file = Files.createTempFile(under, "journal-flush-bench", ".bin");
			try (DedicatedFlusher flusher = new DedicatedFlusher(file)) {
				byte[] frame = new byte[300];
				Result prototype = run(threads, seconds, i -> flusher.append(frame), flusher::flushes);
				System.out.println(prototype.describe("prototype: dedicated flusher thread", threads));
			}
			Files.delete(file);
		}
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

	/** Writers write their frame, then wait until the flusher's last flush covers it; the flusher forces while anyone waits. */
	private static final class DedicatedFlusher implements AutoCloseable {
		private final FileChannel channel;
		private final Thread thread;
		private long written;
		private long requested;
		private long flushed;
		private long flushes;
		private boolean closed;

		DedicatedFlusher(Path file) throws IOException {
			this.channel = FileChannel.open(file, StandardOpenOption.WRITE);
			this.thread = new Thread(this::flushWhileWanted, "bench-flusher");
			thread.start();
		}

		void append(byte[] frame) throws IOException, InterruptedException {
			long mine;
			synchronized (this) {
				ByteBuffer buffer = ByteBuffer.wrap(frame);
				while (buffer.hasRemaining()) {
					written += channel.write(buffer, written);
				}
				mine = written;
				if (requested < mine) {
					requested = mine;
					notifyAll();
				}
				while (flushed < mine) {
					wait();
				}
			}
		}

		synchronized long flushes() {
			return flushes;
		}

		private void flushWhileWanted() {
			try {
				while (true) {
					long target;
					synchronized (this) {
						while (!closed && requested <= flushed) {
							wait();
						}
						if (closed) {
							return;
						}
						target = written;
					}
					channel.force(false);
					synchronized (this) {
						flushed = target;
						flushes++;
						notifyAll();
					}
				}
			} catch (IOException | InterruptedException e) {
				throw new IllegalStateException(e);
			}
		}

		@Override
		public void close() throws Exception {
			synchronized (this) {
				closed = true;
				notifyAll();
			}
			thread.join();
			channel.close();
		}
	}
}
