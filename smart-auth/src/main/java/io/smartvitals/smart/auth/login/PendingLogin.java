package io.smartvitals.smart.auth.login;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * Password accepted, second factor outstanding. Kept in the session under its own attribute and
 * deliberately not an {@code Authentication}: nothing treats it as logged in.
 */
public record PendingLogin(String tenant, String username, boolean enrolment, Instant since) implements Serializable {

	/** Time allowed between the password and the code. */
	public static final Duration LIFETIME = Duration.ofMinutes(5);

	public boolean validAt(String tenantId, Instant now) {
		return tenant.equals(tenantId) && now.isBefore(since.plus(LIFETIME));
	}
}
