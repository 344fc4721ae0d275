package io.smartvitals.audit.http;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * How many FHIR requests this node is answering right now ({@link FlushBeforeAnswerFilter} counts
 * them): the journal's flush delay waits only when enough of them may still write a record.
 */
public final class AnswersInProgress implements IntSupplier {

	private final AtomicInteger count = new AtomicInteger();

	void begin() {
		count.incrementAndGet();
	}

	void end() {
		count.decrementAndGet();
	}

	@Override
	public int getAsInt() {
		return count.get();
	}
}
