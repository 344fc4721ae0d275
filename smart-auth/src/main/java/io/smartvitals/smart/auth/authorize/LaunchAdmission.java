package io.smartvitals.smart.auth.authorize;

/**
 * Whether an EHR {@code launch} value may start an authorization for this client of this tenant
 * ({@link #admits}, at every authorization request: the first claims it, the same client may come
 * back after login), and using it up at the approval that issues the code ({@link #useForCode}).
 * An unknown, expired, used or other tenant's launch is admitted nowhere.
 */
public interface LaunchAdmission {

	boolean admits(String tenant, String launch, String clientId);

	/** False when the launch can no longer lead to a code (expired, used by an earlier approval). */
	boolean useForCode(String tenant, String launch, String clientId);
}
