package io.smartvitals.smart.auth.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Generated client secrets (256 random bits) and their digests. A secret this strong needs no
 * adaptive hash: SHA-256 costs microseconds where BCrypt costs ~60 ms per token request.
 * As a {@link PasswordEncoder} it accepts any of the digests listed in the stored value
 * (current and, during a rotation overlap, previous), compared in constant time.
 */
public final class ClientSecrets implements PasswordEncoder {

	static final String PREFIX = "sha256:";
	static final String SEPARATOR = "|";
	private static final SecureRandom RANDOM = new SecureRandom();

	public static String generate() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	public static String digest(String secret) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
			return PREFIX + HexFormat.of().formatHex(hash);
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The value handed to Spring Authorization Server: every digest currently accepted. */
	static String accepted(String current, String previous) {
		return previous == null ? current : current + SEPARATOR + previous;
	}

	@Override
	public String encode(CharSequence rawPassword) {
		return digest(rawPassword.toString());
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		if (rawPassword == null || encodedPassword == null) {
			return false;
		}
		byte[] presented = digest(rawPassword.toString()).getBytes(StandardCharsets.US_ASCII);
		boolean match = false;
		for (String accepted : encodedPassword.split("\\|")) {
			match |= MessageDigest.isEqual(presented, accepted.getBytes(StandardCharsets.US_ASCII));
		}
		return match;
	}
}
