package io.smartvitals.server.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The operator's bearer secret for the admin API. Taken from configuration; demo mode generates
 * one when none is set. Without one the admin API stays closed.
 */
public final class OperatorToken {

	private final String value;

	private OperatorToken(String value) {
		this.value = value;
	}

	public static Optional<OperatorToken> configured(String value) {
		return value == null || value.isBlank() ? Optional.empty() : Optional.of(new OperatorToken(value.strip()));
	}

	public static OperatorToken generate() {
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		return new OperatorToken(Base64.getUrlEncoder().withoutPadding().encodeToString(random));
	}

	public String value() {
		return value;
	}

	/** Constant-time comparison, so response timing does not reveal a matching prefix. */
	public boolean matches(String presented) {
		return presented != null
				&& MessageDigest.isEqual(
						value.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
	}
}
