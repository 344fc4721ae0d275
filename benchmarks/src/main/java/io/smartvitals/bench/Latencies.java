package io.smartvitals.bench;

import java.util.Arrays;

/** Request latencies of one measurement, in nanoseconds. */
final class Latencies {

	private long[] values = new long[1024];
	private int size;

	synchronized void add(long nanos) {
		if (size == values.length) {
			values = Arrays.copyOf(values, size * 2);
		}
		values[size++] = nanos;
	}

	synchronized int count() {
		return size;
	}

	/** The q-quantile (0..1) in milliseconds, nearest-rank. */
	synchronized double quantileMillis(double q) {
		if (size == 0) {
			return Double.NaN;
		}
		long[] sorted = Arrays.copyOf(values, size);
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(q * size) - 1;
		return sorted[Math.max(0, Math.min(size - 1, rank))] / 1e6;
	}
}
