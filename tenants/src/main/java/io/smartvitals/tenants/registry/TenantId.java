package io.smartvitals.tenants.registry;

import java.util.regex.Pattern;

/**
 * A tenant's identifier: the first path segment of its FHIR base and issuer URLs, and the name
 * of its HAPI partition. Lower case only, so that {@code General-Hospital} can never alias
 * {@code general-hospital}, and HAPI's {@code DEFAULT} partition can never be named.
 */
public record TenantId(String value) {

	private static final Pattern FORMAT = Pattern.compile("[a-z0-9-]{3,40}");

	public TenantId {
		if (value == null || !FORMAT.matcher(value).matches()) {
			throw new InvalidTenantIdException(value);
		}
	}

	public static boolean isWellFormed(String candidate) {
		return candidate != null && FORMAT.matcher(candidate).matches();
	}

	@Override
	public String toString() {
		return value;
	}

	public static final class InvalidTenantIdException extends IllegalArgumentException {
		InvalidTenantIdException(String value) {
			super("Tenant id must match [a-z0-9-]{3,40}, got: " + abbreviate(value));
		}

		private static String abbreviate(String value) {
			if (value == null) {
				return "null";
			}
			return value.length() > 60 ? value.substring(0, 60) + "..." : value;
		}
	}
}
