package io.smartvitals.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 checkpoint signatures with a key derived from a server secret (the key-encryption
 * key): {@code key = HMAC-SHA256(secret, "vitals-audit-checkpoint-key")}. The key id is the first
 * 16 hex digits of SHA-256 over the derived key, so it names the key without revealing it.
 */
public final class HmacCheckpointSigner implements CheckpointSigner {

	private static final String LABEL = "vitals-audit-checkpoint-key";
	private final byte[] key;
	private final String keyId;

	public HmacCheckpointSigner(byte[] secret) {
		if (secret == null || secret.length < 16) {
			throw new IllegalArgumentException("The checkpoint secret must be at least 16 bytes");
		}
		this.key = mac(secret, LABEL.getBytes(StandardCharsets.UTF_8));
		this.keyId = CanonicalForm.sha256Hex(HexFormat.of().formatHex(key)).substring(0, 16);
	}

	@Override
	public String keyId() {
		return keyId;
	}

	@Override
	public String sign(String text) {
		return HexFormat.of().formatHex(mac(key, text.getBytes(StandardCharsets.UTF_8)));
	}

	@Override
	public boolean verify(String text, String signedKeyId, String signature) {
		return keyId.equals(signedKeyId) && signature != null
				&& MessageDigest.isEqual(sign(text).getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII));
	}

	private static byte[] mac(byte[] key, byte[] data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(data);
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
		}
	}
}
