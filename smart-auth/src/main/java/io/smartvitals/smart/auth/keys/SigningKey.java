package io.smartvitals.smart.auth.keys;

import com.nimbusds.jose.jwk.RSAKey;
import java.time.Instant;

/**
 * One tenant signing key.
 *
 * @param signsFrom when it starts signing; before that it is only published
 * @param retiredAt when its successor starts signing, or null while it is the newest
 * @param publishedUntil after retirement, how long it stays in the JWKS (its tokens' lifetime)
 */
public record SigningKey(String tenantId, RSAKey jwk, Instant createdAt, Instant signsFrom, Instant retiredAt, Instant publishedUntil) {

	public String kid() {
		return jwk.getKeyID();
	}

	public boolean isPublishedAt(Instant now) {
		return publishedUntil == null || now.isBefore(publishedUntil);
	}

	/** Signs from {@code signsFrom} until its successor takes over at {@code retiredAt}. */
	public boolean canSignAt(Instant now) {
		return !now.isBefore(signsFrom) && (retiredAt == null || now.isBefore(retiredAt));
	}
}
