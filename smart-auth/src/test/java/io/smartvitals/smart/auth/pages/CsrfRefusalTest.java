package io.smartvitals.smart.auth.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartvitals.audit.AuditTrail;
import io.smartvitals.audit.AuditUnavailableException;
import io.smartvitals.audit.http.RefusalEvidence;
import io.smartvitals.audit.http.RequestId;
import io.smartvitals.audit.record.AuditAction;
import io.smartvitals.audit.record.AuditRecord;
import io.smartvitals.smart.auth.authorize.ApprovalSubmission;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.security.web.csrf.InvalidCsrfTokenException;
import org.springframework.security.web.csrf.MissingCsrfTokenException;

/** A CSRF refusal on the pages is on the audit trail before it is answered, and answered as before. */
class CsrfRefusalTest {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
	private final List<AuditRecord> recorded = new ArrayList<>();
	private final AuditTrail trail = record -> recorded.add(record);
	private final AuditTrail down = record -> {
		throw new AuditUnavailableException("queue full");
	};
	private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/auth/north-clinic/login");
	private final MockHttpServletResponse response = new MockHttpServletResponse();

	CsrfRefusalTest() {
		request.setAttribute(RequestId.ATTRIBUTE, "req-1");
	}

	private static RefusalEvidence evidence(AuditTrail trail) {
		return new RefusalEvidence(trail, "north-clinic"::equals, CLOCK);
	}

	@Test
	void aPostWithoutTheTokenIsRecordedThenAnswered403() throws Exception {
		new CsrfRefusal(evidence(trail)).handle(request, response, new MissingCsrfTokenException(null));

		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(recorded).singleElement().satisfies(r -> {
			assertThat(r.tenant()).isEqualTo("north-clinic");
			assertThat(r.action()).isEqualTo(AuditAction.REQUEST_REFUSED);
			assertThat(r.rule()).isEqualTo("csrf");
			assertThat(r.status()).isEqualTo(403);
			assertThat(r.requestId()).isEqualTo("req-1");
			assertThat(r.detail()).isEqualTo("POST /auth/north-clinic/login");
		});
	}

	@Test
	void aPostWithAWrongTokenIsRecordedThenAnswered403() throws Exception {
		InvalidCsrfTokenException wrong = new InvalidCsrfTokenException(new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "right"), "wrong");

		new CsrfRefusal(evidence(trail)).handle(request, response, wrong);

		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(recorded).singleElement().satisfies(r -> assertThat(r.rule()).isEqualTo("csrf"));
	}

	@Test
	void whenTheRecordFailsTheAnswerIs503AndTheUsualAnswerIsNotGiven() throws Exception {
		List<AccessDeniedException> answered = new ArrayList<>();
		AccessDeniedHandler usual = (req, res, denied) -> answered.add(denied);

		new CsrfRefusal(evidence(down), usual).handle(request, response, new MissingCsrfTokenException(null));

		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getErrorMessage()).contains("could not be recorded");
		assertThat(answered).isEmpty();
	}

	@Test
	void aDenialOtherThanCsrfGoesToTheWrappedHandlerUnrecorded() throws Exception {
		AccessDeniedHandler toLogin = (req, res, denied) -> res.sendRedirect("/auth/north-clinic/login");

		new CsrfRefusal(evidence(down), toLogin).handle(request, response, new AccessDeniedException("not signed in"));

		assertThat(response.getStatus()).isEqualTo(302);
		assertThat(response.getRedirectedUrl()).isEqualTo("/auth/north-clinic/login");
	}

	@Test
	void theApprovalPostsCsrfFilterRefusesThroughIt() throws Exception {
		MockHttpServletRequest approval = new MockHttpServletRequest("POST", "/auth/north-clinic/authorize");
		approval.addParameter("client_id", "app");
		approval.setAttribute(RequestId.ATTRIBUTE, "req-2");
		MockFilterChain chain = new MockFilterChain();

		ApprovalSubmission.csrfFilter(new CsrfRefusal(evidence(trail))).doFilter(approval, response, chain);

		assertThat(chain.getRequest()).as("not passed on").isNull();
		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(recorded).singleElement().satisfies(r -> {
			assertThat(r.rule()).isEqualTo("csrf");
			assertThat(r.requestId()).isEqualTo("req-2");
		});
	}
}
