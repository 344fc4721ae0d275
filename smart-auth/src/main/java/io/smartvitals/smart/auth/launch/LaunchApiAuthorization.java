package io.smartvitals.smart.auth.launch;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who may create launch contexts for a tenant: decided from the request (its bearer credential).
 * The server wires the operator token and access tokens of that tenant carrying {@code system/launch}.
 */
public interface LaunchApiAuthorization {

	enum Verdict {
		ALLOWED,
		/** No credential or an invalid one: 401. */
		UNAUTHENTICATED,
		/** A valid credential that may not launch at this tenant: 403. */
		FORBIDDEN
	}

	Verdict check(HttpServletRequest request, String tenant);
}
