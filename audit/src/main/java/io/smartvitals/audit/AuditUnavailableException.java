package io.smartvitals.audit;

/** A record could not be made durable; whatever it describes must not be answered as a success. */
public class AuditUnavailableException extends RuntimeException {

	public AuditUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

	public AuditUnavailableException(String message) {
		super(message);
	}
}
