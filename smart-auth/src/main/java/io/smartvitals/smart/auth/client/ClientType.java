package io.smartvitals.smart.auth.client;

/** SMART's three client profiles, by how they authenticate at the token endpoint. */
public enum ClientType {
	/** Browser or native app: no secret, PKCE only ({@code client-public}). */
	PUBLIC,
	/** Holds a secret sent with HTTP Basic ({@code client-confidential-symmetric}). */
	CONFIDENTIAL_SYMMETRIC,
	/** Signs a JWT assertion with its own key ({@code client-confidential-asymmetric}, Backend Services). */
	CONFIDENTIAL_ASYMMETRIC
}
