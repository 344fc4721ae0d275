package io.smartvitals.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smartvitals.audit.AuditTrail;
import io.smartvitals.audit.record.AuditRecord;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The audit trail with its write latency ({@code vitals.audit.write}, by kind: record, read;
 * failures tagged) and the counters of {@link AuditRecordMeters}. Everything else is the trail's.
 */
public final class MeteredAuditTrail implements AuditTrail, AutoCloseable {

	private final AuditTrail trail;
	private final AuditRecordMeters meters;
	private final Timer records;
	private final Timer reads;
	private final Timer failed;

	public MeteredAuditTrail(AuditTrail trail, AuditRecordMeters meters, MeterRegistry registry) {
		this.trail = trail;
		this.meters = meters;
		this.records = Timer.builder("vitals.audit.write").tag("kind", "record").tag("outcome", "written").register(registry);
		this.reads = Timer.builder("vitals.audit.write").tag("kind", "read").tag("outcome", "written").register(registry);
		this.failed = Timer.builder("vitals.audit.write").tag("kind", "any").tag("outcome", "failed").register(registry);
	}

	@Override
	public void record(AuditRecord record) {
		written(records, record, () -> {
			trail.record(record);
			return null;
		});
	}

	@Override
	public void recordRead(AuditRecord record) {
		written(reads, record, () -> {
			trail.recordRead(record);
			return null;
		});
	}

	@Override
	public boolean enabled() {
		return trail.enabled();
	}

	/** The trail's own close (records after it fail their requests). */
	@Override
	public void close() throws Exception {
		if (trail instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

	/** Times the write on {@code timer} (on {@code failed} if it throws), then counts the record it wrote. */
	private <T> T written(Timer timer, AuditRecord record, Supplier<T> write) {
		long start = System.nanoTime();
		T result;
		try {
			result = write.get();
		} catch (RuntimeException e) {
			failed.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
			throw e;
		}
		timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
		meters.count(record);
		return result;
	}
}
