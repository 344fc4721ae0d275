package io.smartvitals.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * What a flush to disk costs the machine beyond the thread that flushes: a spinning thread's
 * rate alone, then while another thread overwrites 600 bytes of a zero-filled file and flushes it
 * ({@code fdatasync}) {@code --flushes-per-second} times a second, and, as a control, while it only
 * writes. On a virtual machine whose disk the host emulates, the host's share of each flush can
 * run on the cores the guest's vCPUs need; the guest sees it only as its own code running slower.
 *
 * <pre>java -cp ... io.smartvitals.bench.FlushCostProbe --seconds 5 --rounds 3 --flushes-per-second 1000 --dir .</pre>
 */
public final class FlushCostProbe {

	private static volatile long sink;

	public static void main(String[] args) throws Exception {
		Arguments arguments = Arguments.parse(args);
		int seconds = arguments.getInt("seconds", 5);
		int rounds = arguments.getInt("rounds", 3);
		int rate = arguments.getInt("flushes-per-second", 1000);
		Path file = Files.createTempFile(Path.of(arguments.get("dir", ".")), "flush-cost-probe", ".data");
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
			channel.write(ByteBuffer.allocate(1 << 20), 0);
			channel.force(true);
			spin(seconds); // warm-up: the loop compiled before anything is compared
			for (int round = 1; round <= rounds; round++) {
				double alone = spin(seconds);
				double writing = spinBeside(channel, rate, false, seconds);
				double flushing = spinBeside(channel, rate, true, seconds);
				System.out.printf(Locale.ROOT,
						"round %d: spinner alone %.0f/s; beside %d writes/s %.0f/s (%.1f%%); beside %d writes+flushes/s %.0f/s (%.1f%%):"
								+ " each flush took %.0f us of the spinner's core%n",
						round, alone, rate, writing, 100 * (writing / alone - 1), rate, flushing, 100 * (flushing / alone - 1),
						(writing - flushing) / alone / rate * 1e6);
			}
		} finally {
			Files.delete(file);
		}
	}

	/** Loop batches per second of a thread that does nothing but compute. */
	private static double spin(int seconds) {
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		long start = System.nanoTime();
		long batches = 0;
		long x = 1;
		while (System.nanoTime() < end) {
			for (int i = 0; i < 100_000; i++) {
				x = x * 6364136223846793005L + 1442695040888963407L;
			}
			batches++;
		}
		sink = x;
		return batches * 1e9 / (System.nanoTime() - start);
	}

	private static double spinBeside(FileChannel channel, int rate, boolean flush, int seconds) throws Exception {
		AtomicBoolean running = new AtomicBoolean(true);
		Thread writer = new Thread(() -> {
			ByteBuffer entry = ByteBuffer.allocate(600);
			long period = 1_000_000_000L / rate;
			long next = System.nanoTime();
			long offset = 0;
			try {
				while (running.get()) {
					entry.clear();
					channel.write(entry, offset);
					offset = (offset + 600) % ((1 << 20) - 600);
					if (flush) {
						channel.force(false);
					}
					next += period;
					long wait = next - System.nanoTime();
					if (wait > 0) {
						LockSupport.parkNanos(wait);
					}
				}
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}, "flush-cost-probe-writer");
		writer.start();
		try {
			return spin(seconds);
		} finally {
			running.set(false);
			writer.join();
		}
	}
}
