package io.smartvitals.smart.auth.client;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One registered client of one tenant. {@code id} is the internal key Spring Authorization Server
 * stores with authorizations; {@code clientId} is what the app sends and is unique per tenant only.
 * Secrets are held as digests; the previous digest stays valid until {@code previousSecretUntil}.
 */
public record SmartClient(
		String id,
		String tenant,
		String clientId,
		String name,
		ClientType type,
		List<String> redirectUris,
		List<String> allowedScopes,
		Set<LaunchType> launchTypes,
		String launchUri,
		String jwks,
		String jwksUrl,
		String secretDigest,
		String previousSecretDigest,
		Instant previousSecretUntil,
		String owner,
		String purpose,
		Instant expiresAt,
		Instant createdAt,
		Instant lastUsedAt,
		Instant disabledAt) {

	public boolean usableAt(Instant now) {
		return disabledAt == null && now.isBefore(expiresAt);
	}

	public boolean isBackend() {
		return launchTypes.contains(LaunchType.BACKEND);
	}
}
