package io.smartvitals.smart.auth.authorize;

/** Whether an EHR {@code launch} value may start an authorization for this client of this tenant. */
@FunctionalInterface
public interface LaunchAdmission {

	boolean admits(String tenant, String launch, String clientId);
}
