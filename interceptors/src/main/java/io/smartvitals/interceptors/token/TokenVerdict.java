package io.smartvitals.interceptors.token;

import io.smartvitals.smart.model.scope.ScopeSet;
import java.time.Instant;

/** The outcome of checking one bearer token. */
public sealed interface TokenVerdict {

	/** A token this tenant issued, still valid, with its claims parsed; {@code issuedAt} is null without {@code iat}. */
	record Valid(
			String tenant, String subject, String clientId, ScopeSet scopes, String patient, String encounter,
			String fhirUser, String jwtId, Instant issuedAt, Instant expiresAt) implements TokenVerdict {}

	/** @param reason for the log and the {@code error_description}; never echoes token content */
	record Rejected(String reason) implements TokenVerdict {}
}
