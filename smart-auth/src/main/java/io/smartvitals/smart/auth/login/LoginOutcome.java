package io.smartvitals.smart.auth.login;

import io.smartvitals.smart.auth.users.TenantUser;

/** What one login step decided. Refusal texts are shown to the user and never say whether the username exists. */
public sealed interface LoginOutcome {

	record SignedIn(TenantUser user) implements LoginOutcome {}

	/** Password accepted; the user has an authenticator and must type a code. */
	record CodeNeeded(TenantUser user) implements LoginOutcome {}

	/** Password accepted; the tenant requires MFA and the user has none yet. */
	record EnrolmentNeeded(TenantUser user) implements LoginOutcome {}

	/**
	 * @param reason what actually refused it, for the audit trail only: at the password step the
	 *     message is the same for every reason but {@link Reason#SOURCE_WAIT}
	 */
	record Refused(Reason reason, String message) implements LoginOutcome {}

	enum Reason {
		/** Unknown user, wrong or missing password, or a disabled account. */
		CREDENTIALS,
		/** A wrong TOTP code. */
		CODE,
		/** Inside the account's wait after repeated failures: not checked, not counted. */
		ACCOUNT_WAIT,
		/** The account is locked (after failures, or by an administrator). */
		LOCKED,
		/** Inside the wait of the source's failures: not checked, not counted. */
		SOURCE_WAIT
	}
}
