package io.smartvitals.smart.auth.pages;

import io.smartvitals.audit.http.RefusalEvidence;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;

/**
 * A form post to the pages without the page's CSRF token: recorded (rule {@value #RULE}, 403)
 * before it is answered, since it never reaches a controller that would record it. The answer is
 * the wrapped handler's (Spring's plain 403 unless told otherwise); when the record fails it is a
 * 503, still refusing. Denials other than CSRF pass straight to the wrapped handler, unrecorded.
 */
public final class CsrfRefusal implements AccessDeniedHandler {

	public static final String RULE = "csrf";
	private final RefusalEvidence evidence;
	private final AccessDeniedHandler answer;

	public CsrfRefusal(RefusalEvidence evidence, AccessDeniedHandler answer) {
		this.evidence = evidence;
		this.answer = answer;
	}

	/** Answers as Spring's {@link AccessDeniedHandlerImpl}: the pages' answer before refusals were recorded. */
	public CsrfRefusal(RefusalEvidence evidence) {
		this(evidence, new AccessDeniedHandlerImpl());
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException, ServletException {
		// Missing and invalid tokens are both CsrfExceptions.
		if (denied instanceof CsrfException && !evidence.record(request, HttpServletResponse.SC_FORBIDDEN, RULE)) {
			if (!response.isCommitted()) {
				response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE,
						"The request was refused, and the refusal could not be recorded in the audit trail");
			}
			return;
		}
		answer.handle(request, response, denied);
	}
}
