package io.smartvitals.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time spent so far by the server process, by all PostgreSQL processes, and by the whole
 * machine, read from Linux's {@code /proc}. Two snapshots around a measurement give the CPU each
 * side used per request, a figure that does not move with how long a closed-loop client waits, and
 * the machine's busy share, which says whether a run was CPU-bound or latency-bound. The server's
 * JIT compiler threads are counted apart as well, to tell when a fresh JVM has warmed up.
 */
record CpuTimes(long serverMillis, long compilerMillis, long postgresMillis, long machineBusyMillis, long machineTotalMillis) {

	/** Linux reports process CPU in clock ticks; 100 per second on every kernel config these machines use. */
	private static final long MILLIS_PER_TICK = 10;

	static CpuTimes now(long serverPid) throws IOException {
		return new CpuTimes(processMillis(serverPid), compilerMillis(serverPid), allPostgresMillis(), machineMillis(true), machineMillis(false));
	}

	/** What was spent between {@code earlier} and this snapshot. */
	CpuTimes since(CpuTimes earlier) {
		return new CpuTimes(serverMillis - earlier.serverMillis, compilerMillis - earlier.compilerMillis, postgresMillis - earlier.postgresMillis,
				machineBusyMillis - earlier.machineBusyMillis, machineTotalMillis - earlier.machineTotalMillis);
	}

	/** Two spans' CPU together. */
	CpuTimes plus(CpuTimes other) {
		return new CpuTimes(serverMillis + other.serverMillis, compilerMillis + other.compilerMillis, postgresMillis + other.postgresMillis,
				machineBusyMillis + other.machineBusyMillis, machineTotalMillis + other.machineTotalMillis);
	}

	/** Share of all cores' time that was busy, 0..1. */
	double machineBusy() {
		return machineTotalMillis == 0 ? Double.NaN : machineBusyMillis / (double) machineTotalMillis;
	}

	/** The server JVM's JIT compiler threads (part of {@code serverMillis}): while they are busy the server is still warming up. */
	private static long compilerMillis(long pid) throws IOException {
		long total = 0;
		try (DirectoryStream<Path> threads = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
			for (Path thread : threads) {
				try {
					String name = Files.readString(thread.resolve("comm")).strip();
					if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
						total += statMillis(thread.resolve("stat"), false);
					}
				} catch (IOException | RuntimeException gone) {
					// The thread ended while we looked.
				}
			}
		}
		return total;
	}

	private static long processMillis(long pid) throws IOException {
		return statMillis(Path.of("/proc/" + pid + "/stat"), false);
	}

	/** utime + stime, and with {@code withExitedChildren} also cutime + cstime (fields 14 to 17 of {@code stat}). */
	private static long statMillis(Path stat, boolean withExitedChildren) throws IOException {
		if (!Files.exists(stat)) {
			return 0;
		}
		// Fields after the parenthesised command name, which is field 2.
		String text = Files.readString(stat);
		String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
		long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		if (withExitedChildren) {
			ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
		}
		return ticks * MILLIS_PER_TICK;
	}

	/**
	 * Every {@code postgres} process: backends, WAL writer, checkpointer, with the CPU of their
	 * exited children. A backend that exits (a pool closing a connection) moves its CPU into the
	 * postmaster's children's time when it is reaped, so the total never goes down.
	 */
	private static long allPostgresMillis() throws IOException {
		long total = 0;
		try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
			for (Path process : processes) {
				try {
					if (Files.readString(process.resolve("comm")).strip().equals("postgres")) {
						total += statMillis(process.resolve("stat"), true);
					}
				} catch (IOException | RuntimeException gone) {
					// The process ended while we looked.
				}
			}
		}
		return total;
	}

	/** From the first line of {@code /proc/stat}: user nice system idle iowait irq softirq steal. */
	private static long machineMillis(boolean busyOnly) throws IOException {
		List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
		String[] f = lines.get(0).trim().split("\\s+");
		long total = 0;
		long idle = 0;
		for (int i = 1; i <= 8 && i < f.length; i++) {
			long v = Long.parseLong(f[i]);
			total += v;
			if (i == 4 || i == 5) {
				idle += v;
			}
		}
		return (busyOnly ? total - idle : total) * MILLIS_PER_TICK;
	}
}
