package io.smartvitals.audit.http;

import io.smartvitals.audit.AuditUnavailableException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds back the first byte of a FHIR answer until the records its request wrote are durable
 * ({@link RecordFlushBeforeAnswer}). When one cannot be made durable, nothing the server wrote
 * reaches the client: the answer becomes a 500 {@code OperationOutcome}, whatever HAPI made of the
 * failure.
 */
public class FlushBeforeAnswerFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(FlushBeforeAnswerFilter.class);
	private static final byte[] NO_EVIDENCE = ("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
			+ "\"code\":\"exception\",\"diagnostics\":\"The audit record of this request could not be made durable, "
			+ "so the request is not answered\"}]}").getBytes(StandardCharsets.UTF_8);

	private final AnswersInProgress inProgress;

	public FlushBeforeAnswerFilter(AnswersInProgress inProgress) {
		this.inProgress = inProgress;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		inProgress.begin();
		try {
			answer(request, response, chain);
		} finally {
			inProgress.end();
		}
	}

	private static void answer(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		RecordFlushBeforeAnswer records = RecordFlushBeforeAnswer.attachTo(request);
		RecordBeforeCommitResponse answer = new RecordBeforeCommitResponse(response, r -> records.awaitAll());
		try {
			chain.doFilter(request, answer);
			answer.finish();
		} catch (IOException | ServletException | RuntimeException e) {
			if (!records.failed()) {
				throw e;
			}
		}
		if (records.failed()) {
			answerWithoutEvidence(request, response);
		}
	}

	private static void answerWithoutEvidence(HttpServletRequest request, HttpServletResponse response) throws IOException {
		log.error("Answered {} {} with 500: its audit record could not be made durable", request.getMethod(), request.getRequestURI());
		if (response.isCommitted()) {
			// Not reached: the wrapper let no byte through. Cut the connection rather than finish a success.
			throw new AuditUnavailableException("The audit record could not be made durable after the answer began");
		}
		response.reset();
		response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
		response.setContentType("application/fhir+json;charset=UTF-8");
		response.setHeader("Cache-Control", "no-store");
		response.setContentLength(NO_EVIDENCE.length);
		response.getOutputStream().write(NO_EVIDENCE);
		response.flushBuffer();
	}
}
