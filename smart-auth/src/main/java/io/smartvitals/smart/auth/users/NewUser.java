package io.smartvitals.smart.auth.users;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A validated request to create a user. Usernames are lower-cased, so {@code Alice} and
 * {@code alice} are one user. Passwords: 10 to 72 UTF-8 bytes (bcrypt reads at most 72).
 * A patient user is never tenant-wide.
 */
public record NewUser(String username, String password, FhirUserReference fhirUser, UserKind kind, boolean tenantWide) {

	private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{2,63}");
	static final int MIN_PASSWORD = 10;
	static final int MAX_PASSWORD_BYTES = 72;

	public NewUser {
		if (username == null || !USERNAME.matcher(username).matches()) {
			throw new IllegalArgumentException("username must be 3-64 characters of a-z 0-9 . _ @ -");
		}
		if (password == null || password.length() < MIN_PASSWORD
				|| password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
			throw new IllegalArgumentException("password must be at least " + MIN_PASSWORD + " characters and at most "
					+ MAX_PASSWORD_BYTES + " bytes");
		}
		if (kind == null || fhirUser == null) {
			throw new IllegalArgumentException("kind and fhirUser are required");
		}
		if (!fhirUser.fits(kind)) {
			throw new IllegalArgumentException("a " + kind.wireName() + " user needs fhirUser " + kind.resourceType() + "/{id}");
		}
		if (tenantWide && kind == UserKind.PATIENT) {
			throw new IllegalArgumentException("a patient user cannot be tenant-wide");
		}
	}

	/** Parses the admin API's JSON fields; every problem is an IllegalArgumentException with a usable message. */
	public static NewUser of(String username, String password, String fhirUser, String kind, Boolean tenantWide) {
		return new NewUser(normalizeUsername(username), password, FhirUserReference.parse(fhirUser), UserKind.parse(kind),
				Boolean.TRUE.equals(tenantWide));
	}

	public static String normalizeUsername(String username) {
		return username == null ? null : username.strip().toLowerCase(Locale.ROOT);
	}
}
