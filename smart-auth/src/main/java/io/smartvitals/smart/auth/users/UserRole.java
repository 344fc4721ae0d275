package io.smartvitals.smart.auth.users;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Roles an operator grants to a tenant's users, on top of their kind. */
public enum UserRole {

	/** May be granted AuditEvent scopes, i.e. read the tenant's audit trail through a SMART app. */
	AUDITOR;

	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<UserRole> parse(String text) {
		return Arrays.stream(values()).filter(r -> r.wireName().equals(text)).findFirst();
	}
}
