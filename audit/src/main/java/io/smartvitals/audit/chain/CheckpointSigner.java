package io.smartvitals.audit.chain;

/** Signs and checks checkpoint texts; the audit module does not care whose key it is. */
public interface CheckpointSigner {

	/** Identifies the key, so a later key change can still tell which key signed an old checkpoint. */
	String keyId();

	String sign(String text);

	boolean verify(String text, String keyId, String signature);
}
