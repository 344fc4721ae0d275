package io.smartvitals.smart.auth.mfa;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 time-based one-time passwords over RFC 4226 HOTP with HMAC-SHA1: 30-second steps from
 * the Unix epoch, 6 digits, and one step of tolerance either side for clock drift. Which step a
 * code matched is returned so the caller can refuse a second use of it.
 */
public final class Totp {

	public static final int DIGITS = 6;
	public static final long STEP_SECONDS = 30;
	/** Steps accepted either side of the current one. */
	public static final int WINDOW = 1;

	private Totp() {}

	public static long stepAt(Instant time) {
		return Math.floorDiv(time.getEpochSecond(), STEP_SECONDS);
	}

	/** HOTP value of {@code step} with {@code digits} digits, zero-padded. */
	public static String code(byte[] secret, long step, int digits) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(secret, "HmacSHA1"));
			byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
			int offset = hash[hash.length - 1] & 0x0f;
			int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
					| ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
			int modulus = (int) Math.pow(10, digits);
			return String.format("%0" + digits + "d", binary % modulus);
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException("HmacSHA1 is not available", e);
		}
	}

	public static String code(byte[] secret, Instant time) {
		return code(secret, stepAt(time), DIGITS);
	}

	/** The step, within the window around {@code now}, whose code equals {@code presented}; compared in constant time. */
	public static OptionalLong matchingStep(byte[] secret, String presented, Instant now) {
		if (presented == null) {
			return OptionalLong.empty();
		}
		String code = presented.replace(" ", "");
		if (code.length() != DIGITS || !code.chars().allMatch(Character::isDigit)) {
			return OptionalLong.empty();
		}
		long current = stepAt(now);
		OptionalLong match = OptionalLong.empty();
		for (long step = current - WINDOW; step <= current + WINDOW; step++) {
			boolean equal = MessageDigest.isEqual(code(secret, step, DIGITS).getBytes(StandardCharsets.US_ASCII),
					code.getBytes(StandardCharsets.US_ASCII));
			if (equal && match.isEmpty()) {
				match = OptionalLong.of(step);
			}
		}
		return match;
	}
}
