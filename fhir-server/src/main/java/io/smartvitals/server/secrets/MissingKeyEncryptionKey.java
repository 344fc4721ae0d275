package io.smartvitals.server.secrets;

/** Start-up refusal: no usable key-encryption key. The message says how to provide one. */
public final class MissingKeyEncryptionKey extends RuntimeException {

	public MissingKeyEncryptionKey(String message) {
		super(message);
	}
}
