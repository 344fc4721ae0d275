package io.smartvitals.server.bulk;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;

/** HTTP 429 with {@code Retry-After}, answered by HAPI with an OperationOutcome like every other error. */
public class TooManyRequestsException extends BaseServerResponseException {

	public TooManyRequestsException(String message, long retryAfterSeconds) {
		super(429, message);
		addResponseHeader("Retry-After", Long.toString(retryAfterSeconds));
	}
}
