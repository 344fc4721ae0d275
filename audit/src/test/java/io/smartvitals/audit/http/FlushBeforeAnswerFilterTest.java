package io.smartvitals.audit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartvitals.audit.AuditUnavailableException;
import io.smartvitals.audit.PendingRecord;
import jakarta.servlet.FilterChain;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The first byte of a FHIR answer waits for the records its request left pending; a record that fails turns it into a 500. */
class FlushBeforeAnswerFilterTest {

	private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/fhir/t1/Observation/1");
	private final MockHttpServletResponse response = new MockHttpServletResponse();
	private final List<String> events = new ArrayList<>();

	/** A record whose flush notes what the client had received when it was awaited. */
	private PendingRecord noting(String name) {
		return () -> events.add(name + " awaited, client had '" + contentSoFar() + "'");
	}

	private String contentSoFar() {
		try {
			return response.getContentAsString();
		} catch (java.io.UnsupportedEncodingException e) {
			throw new AssertionError(e);
		}
	}

	/** What HAPI does for a read: the hook leaves the record pending, then the answer is encoded and written. */
	private FilterChain answering(PendingRecord record, String body) {
		return (req, res) -> {
			RecordFlushBeforeAnswer.on(req).orElseThrow().add(record);
			events.add("encoded");
			res.setContentType("application/fhir+json");
			PrintWriter writer = res.getWriter();
			writer.write(body);
			writer.close();
		};
	}

	@Test
	void theAnswersFirstByteWaitsForThePendingRecordAndThenPassesUnchanged() throws Exception {
		new FlushBeforeAnswerFilter(new AnswersInProgress()).doFilter(request, response, answering(noting("record"), "{\"resourceType\":\"Observation\"}"));

		assertThat(events).containsExactly("encoded", "record awaited, client had ''");
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsString()).isEqualTo("{\"resourceType\":\"Observation\"}");
	}

	@Test
	void anAnswerCountsAsInProgressUntilTheFilterReturnsEvenWhenItFails() throws Exception {
		AnswersInProgress answers = new AnswersInProgress();
		FlushBeforeAnswerFilter filter = new FlushBeforeAnswerFilter(answers);
		filter.doFilter(request, response, (req, res) -> events.add("in progress: " + answers.getAsInt()));
		assertThat(events).containsExactly("in progress: 1");
		assertThat(answers.getAsInt()).isZero();

		assertThatThrownBy(() -> filter.doFilter(new MockHttpServletRequest("GET", "/fhir/a/Observation/2"), new MockHttpServletResponse(),
				(req, res) -> {
					throw new IllegalStateException("HAPI failed");
				})).hasMessage("HAPI failed");
		assertThat(answers.getAsInt()).isZero();
	}

	@Test
	void anAnswerWithoutABodyWaitsBeforeTheFilterReturns() throws Exception {
		new FlushBeforeAnswerFilter(new AnswersInProgress()).doFilter(request, response, (req, res) -> {
			RecordFlushBeforeAnswer.on(req).orElseThrow().add(noting("record"));
			((jakarta.servlet.http.HttpServletResponse) res).setStatus(304);
		});

		assertThat(events).containsExactly("record awaited, client had ''");
		assertThat(response.getStatus()).isEqualTo(304);
	}

	@Test
	void aRecordThatCannotBeMadeDurableTurnsTheAnswerIntoA500WithNoneOfItsBody() throws Exception {
		PendingRecord failing = () -> {
			throw new AuditUnavailableException("disk gone");
		};
		new FlushBeforeAnswerFilter(new AnswersInProgress()).doFilter(request, response, answering(failing, "{\"resourceType\":\"Observation\",\"secret\":1}"));

		assertThat(response.getStatus()).isEqualTo(500);
		assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
		assertThat(response.getContentAsString()).contains("OperationOutcome").contains("could not be made durable")
				.doesNotContain("secret");
	}

	@Test
	void whatTheServerWritesAfterTheFailureDoesNotReachTheClientEither() throws Exception {
		PendingRecord failing = () -> {
			throw new AuditUnavailableException("disk gone");
		};
		new FlushBeforeAnswerFilter(new AnswersInProgress()).doFilter(request, response, (req, res) -> {
			RecordFlushBeforeAnswer.on(req).orElseThrow().add(failing);
			try {
				res.getOutputStream().write("{\"secret\":1}".getBytes());
			} catch (AuditUnavailableException e) {
				// As a server's error handler might: answer the failure with a body of its own, with a success status.
				res.getOutputStream().write("{\"secret\":2}".getBytes());
				res.flushBuffer();
			}
		});

		assertThat(response.getStatus()).isEqualTo(500);
		assertThat(response.getContentAsString()).contains("OperationOutcome").doesNotContain("secret");
	}

	@Test
	void withNothingPendingTheAnswerPassesAsWritten() throws Exception {
		new FlushBeforeAnswerFilter(new AnswersInProgress()).doFilter(request, response, (req, res) -> res.getWriter().write("plain"));

		assertThat(response.getContentAsString()).isEqualTo("plain");
		assertThat(response.getStatus()).isEqualTo(200);
	}
}
