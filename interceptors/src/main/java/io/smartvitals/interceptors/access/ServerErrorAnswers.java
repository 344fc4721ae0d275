package io.smartvitals.interceptors.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failure the server did not mean to answer (HAPI wraps any unexpected exception in a 500
 * whose text is the exception's message) is answered with a fixed text and the request id: the
 * message of a database error names SQL, tables and the values searched for, which are PHI. The
 * log keeps the exception's class and where it was thrown, not its message, for the same reason.
 * Answers the server means (4xx, and the 503 of an unavailable audit trail) pass unchanged.
 */
@Interceptor
public class ServerErrorAnswers {

	private static final Logger log = LoggerFactory.getLogger(ServerErrorAnswers.class);

	@Hook(value = Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION, order = 1000)
	public BaseServerResponseException withoutInternals(RequestDetails request, Throwable failure) {
		if (failure instanceof BaseServerResponseException answer && answer.getStatusCode() != 500) {
			return null;
		}
		String requestId = request == null ? null : request.getRequestId();
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		StackTraceElement at = root.getStackTrace().length > 0 ? root.getStackTrace()[0] : null;
		log.error("FHIR request {} failed: {} (root cause {} at {})", requestId, failure.getClass().getName(),
				root.getClass().getName(), at);
		return new InternalErrorException("The server could not complete this request; request id " + requestId);
	}
}
