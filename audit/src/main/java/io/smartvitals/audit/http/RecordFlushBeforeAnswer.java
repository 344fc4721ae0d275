package io.smartvitals.audit.http;

import io.smartvitals.audit.AuditUnavailableException;
import io.smartvitals.audit.PendingRecord;
import jakarta.servlet.ServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The records a FHIR request wrote that its answer must wait for, kept on the request by {@link
 * FlushBeforeAnswerFilter}. The audit hook leaves its record here instead of waiting for it, so the
 * flush to disk runs while HAPI encodes the answer; the answer's first byte waits for it.
 */
public final class RecordFlushBeforeAnswer {

	private static final String ATTRIBUTE = RecordFlushBeforeAnswer.class.getName();

	private final List<PendingRecord> pending = new ArrayList<>(1);
	private AuditUnavailableException failure;

	private RecordFlushBeforeAnswer() {}

	/** A new holder on {@code request}: whoever calls this must {@link #awaitAll} before the answer's first byte. */
	public static RecordFlushBeforeAnswer attachTo(ServletRequest request) {
		RecordFlushBeforeAnswer records = new RecordFlushBeforeAnswer();
		request.setAttribute(ATTRIBUTE, records);
		return records;
	}

	/** The request's holder, when the filter put one there; without it the caller must wait itself. */
	public static Optional<RecordFlushBeforeAnswer> on(ServletRequest request) {
		return Optional.ofNullable((RecordFlushBeforeAnswer) request.getAttribute(ATTRIBUTE));
	}

	/** The answer will not be sent before {@code record} is durable. */
	public void add(PendingRecord record) {
		pending.add(record);
	}

	/**
	 * Waits for every record added; once one failed, fails again on every call.
	 *
	 * @throws AuditUnavailableException when one could not be made durable
	 */
	public void awaitAll() {
		if (failure != null) {
			throw failure;
		}
		try {
			for (PendingRecord record : pending) {
				record.awaitDurable();
			}
			pending.clear();
		} catch (AuditUnavailableException e) {
			failure = e;
			throw e;
		}
	}

	boolean failed() {
		return failure != null;
	}
}
