package io.smartvitals.smart.auth.login;

import io.smartvitals.smart.auth.users.TenantUser;

/** What one login step decided. Refusal texts are shown to the user and never say whether the username exists. */
public sealed interface LoginOutcome {

	record SignedIn(TenantUser user) implements LoginOutcome {}

	/** Password accepted; the user has an authenticator and must type a code. */
	record CodeNeeded(TenantUser user) implements LoginOutcome {}

	/** Password accepted; the tenant requires MFA and the user has none yet. */
	record EnrolmentNeeded(TenantUser user) implements LoginOutcome {}

	record Refused(String message) implements LoginOutcome {}
}
