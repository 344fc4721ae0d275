package io.smartvitals.smart.auth.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets at rest with AES-256-GCM. The associated data binds a sealed value to its row
 * (the key id), so a sealed private key copied onto another row does not open.
 */
public final class KeyEncryptionKey {

	private static final int IV_BYTES = 12;
	private static final int TAG_BITS = 128;
	private final SecretKey key;
	private final SecureRandom random = new SecureRandom();

	private KeyEncryptionKey(SecretKey key) {
		this.key = key;
	}

	/** @param base64 32 random bytes, base64-encoded */
	public static KeyEncryptionKey fromBase64(String base64) {
		byte[] raw = Base64.getDecoder().decode(base64.strip());
		if (raw.length != 32) {
			throw new IllegalArgumentException("The key-encryption key must be 32 bytes (base64), got " + raw.length);
		}
		return new KeyEncryptionKey(new SecretKeySpec(raw, "AES"));
	}

	public static String generateBase64() {
		byte[] raw = new byte[32];
		new SecureRandom().nextBytes(raw);
		return Base64.getEncoder().encodeToString(raw);
	}

	public String seal(String plaintext, String boundTo) {
		try {
			byte[] iv = new byte[IV_BYTES];
			random.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException("Cannot seal", e);
		}
	}

	public String open(String sealedBase64, String boundTo) {
		try {
			byte[] all = Base64.getDecoder().decode(sealedBase64);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
			cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
			return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException("Cannot open a sealed key: wrong key-encryption key, or the value was altered", e);
		}
	}
}
