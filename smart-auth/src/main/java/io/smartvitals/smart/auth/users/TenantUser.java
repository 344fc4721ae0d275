package io.smartvitals.smart.auth.users;

import java.time.Instant;

/**
 * One row of {@code auth_user}. The password hash and sealed TOTP secret stay inside the
 * server: {@link UserView} is what leaves it.
 */
public record TenantUser(
		String tenant,
		String username,
		String passwordHash,
		FhirUserReference fhirUser,
		UserKind kind,
		boolean tenantWide,
		boolean disabled,
		String totpSecretSealed,
		boolean mfaEnrolled,
		int failedCount,
		Instant lastFailureAt,
		Instant lockedUntil,
		Instant createdAt,
		Instant lastLoginAt) {

	/** The patient id a patient user always acts for. */
	public String ownPatientId() {
		return kind == UserKind.PATIENT ? fhirUser.id() : null;
	}
}
