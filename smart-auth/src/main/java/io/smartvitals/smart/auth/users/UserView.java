package io.smartvitals.smart.auth.users;

import java.time.Instant;

/** A user as the admin API shows it: never the password hash or the TOTP secret. */
public record UserView(
		String tenant,
		String username,
		String fhirUser,
		String kind,
		boolean tenantWide,
		boolean disabled,
		boolean mfaEnrolled,
		int failedAttempts,
		Instant lockedUntil,
		Instant createdAt,
		Instant lastLoginAt) {

	public static UserView of(TenantUser user) {
		return new UserView(user.tenant(), user.username(), user.fhirUser().toString(), user.kind().wireName(),
				user.tenantWide(), user.disabled(), user.mfaEnrolled(), user.failedCount(), user.lockedUntil(),
				user.createdAt(), user.lastLoginAt());
	}
}
