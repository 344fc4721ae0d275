package io.smartvitals.smart.auth.login;

/**
 * Hears every decided login step, so the audit trail can record sign-ins, refusals and lockouts
 * without the login logic knowing about audit storage.
 */
@FunctionalInterface
public interface LoginEvents {

	LoginEvents NONE = (tenant, username, step, outcome) -> {};

	enum Step {
		PASSWORD,
		/** A TOTP code: the second step. */
		CODE,
		/** The first TOTP code of a new authenticator, which confirms its enrolment. */
		ENROLMENT
	}

	/** @param username as typed; it may name no user of the tenant */
	void decided(String tenant, String username, Step step, LoginOutcome outcome);
}
