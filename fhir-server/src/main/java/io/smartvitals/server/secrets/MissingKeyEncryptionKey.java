package io.smartvitals.server.secrets;

/** Start-up refusal: no usable key-encryption key (none, malformed, or not the one the keys were sealed with). The message says what to do. */
public final class MissingKeyEncryptionKey extends RuntimeException {

	public MissingKeyEncryptionKey(String message) {
		super(message);
	}
}
