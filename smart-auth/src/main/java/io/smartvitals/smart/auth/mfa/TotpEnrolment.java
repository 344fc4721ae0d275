package io.smartvitals.smart.auth.mfa;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/** What an authenticator app needs to enrol: the secret as base32 text and as an otpauth:// URI. */
public record TotpEnrolment(String secretBase32, String otpauthUri) {

	/** 160 bits, the HMAC-SHA1 block-friendly size RFC 4226 recommends. */
	static final int SECRET_BYTES = 20;
	private static final SecureRandom RANDOM = new SecureRandom();

	public static String newSecret() {
		byte[] secret = new byte[SECRET_BYTES];
		RANDOM.nextBytes(secret);
		return Base32.encode(secret);
	}

	/** Key URI format (Google Authenticator's): label "issuer:account", issuer, SHA1, 6 digits, 30 s. */
	public static TotpEnrolment of(String secretBase32, String issuer, String account) {
		String label = encode(issuer) + ":" + encode(account);
		String uri = "otpauth://totp/" + label + "?secret=" + secretBase32 + "&issuer=" + encode(issuer)
				+ "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS;
		return new TotpEnrolment(secretBase32, uri);
	}

	/** Base32 in groups of four, easier to type. */
	public String groupedSecret() {
		return secretBase32.replaceAll("(.{4})(?!$)", "$1 ");
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}
}
