package io.smartvitals.audit.record;

/** Lengths that fit the audit columns; clipping happens before hashing, so the chain covers what is stored. */
final class AuditText {

	private AuditText() {}

	static String clip(String value, int max) {
		if (value == null) {
			return null;
		}
		return value.length() <= max ? value : value.substring(0, max);
	}
}
