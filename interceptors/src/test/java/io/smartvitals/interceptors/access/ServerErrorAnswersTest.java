package io.smartvitals.interceptors.access;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.junit.jupiter.api.Test;

class ServerErrorAnswersTest {

	private final ServerErrorAnswers answers = new ServerErrorAnswers();

	private static ServletRequestDetails request() {
		ServletRequestDetails request = new ServletRequestDetails();
		request.setRequestId("req-42");
		return request;
	}

	@Test
	void anUnexpectedFailureIsAnsweredWithoutItsMessage() {
		RuntimeException sql = new RuntimeException("could not execute query",
				new IllegalStateException("ERROR: syntax error at or near \"SELECT t0.RES_ID FROM HFJ_SPIDX_STRING WHERE SP_VALUE_NORMALIZED = 'SMITH'\""));
		BaseServerResponseException answer = answers.withoutInternals(request(), sql);
		assertThat(answer).isInstanceOf(InternalErrorException.class);
		assertThat(answer.getMessage()).isEqualTo("The server could not complete this request; request id req-42")
				.doesNotContain("SELECT").doesNotContain("SMITH");
	}

	@Test
	void hapisOwnWrappedFiveHundredIsReplacedToo() {
		BaseServerResponseException answer = answers.withoutInternals(request(),
				new InternalErrorException("HAPI-0389: Failed to call access method: org.hibernate.exception.SQLGrammarException: SELECT ..."));
		assertThat(answer.getMessage()).doesNotContain("SELECT").doesNotContain("hibernate");
	}

	@Test
	void answersTheServerMeansPassUnchanged() {
		assertThat(answers.withoutInternals(request(), new InvalidRequestException("bad parameter"))).isNull();
		assertThat(answers.withoutInternals(request(), new ResourceNotFoundException("gone"))).isNull();
		assertThat(answers.withoutInternals(request(), new UnclassifiedServerFailureException(503, "audit unavailable"))).isNull();
	}
}
