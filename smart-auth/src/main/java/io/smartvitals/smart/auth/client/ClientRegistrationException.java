package io.smartvitals.smart.auth.client;

/** A registration or change request the registry refuses; the message names the field. */
public class ClientRegistrationException extends RuntimeException {

	public ClientRegistrationException(String message) {
		super(message);
	}
}
