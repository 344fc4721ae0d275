package io.smartvitals.smart.auth.mfa;

import io.smartvitals.smart.auth.keys.KeyEncryptionKey;
import io.smartvitals.smart.auth.users.TenantUser;
import io.smartvitals.smart.auth.users.TenantUserRepository;
import java.time.Clock;
import java.util.OptionalLong;

/**
 * A user's TOTP secret, sealed under the key-encryption key and bound to (tenant, username), so a
 * sealed secret copied onto another user's row does not open. Checking a code also burns its
 * time step in the database: a code is accepted once, on any node.
 */
public class TotpSecrets {

	private final TenantUserRepository users;
	private final KeyEncryptionKey kek;
	private final Clock clock;

	public TotpSecrets(TenantUserRepository users, KeyEncryptionKey kek, Clock clock) {
		this.users = users;
		this.kek = kek;
		this.clock = clock;
	}

	/** The secret being enrolled: the pending one if the user reloads the page, else a new one. */
	public TotpEnrolment enrolment(TenantUser user, String issuer) {
		if (user.mfaEnrolled()) {
			throw new IllegalStateException("Already enrolled; an operator resets MFA before a new enrolment");
		}
		String secret = user.totpSecretSealed() != null ? open(user) : null;
		if (secret == null) {
			secret = TotpEnrolment.newSecret();
			users.storePendingTotpSecret(user.tenant(), user.username(), kek.seal(secret, boundTo(user)));
		}
		return TotpEnrolment.of(secret, issuer, user.username());
	}

	/** Accepts a code of the user's secret once; confirms a pending enrolment on the first good code. */
	public boolean accept(TenantUser user, String code) {
		if (user.totpSecretSealed() == null) {
			return false;
		}
		OptionalLong step = Totp.matchingStep(Base32.decode(open(user)), code, clock.instant());
		if (step.isEmpty() || !users.useTotpStep(user.tenant(), user.username(), step.getAsLong())) {
			return false;
		}
		if (!user.mfaEnrolled()) {
			users.confirmMfa(user.tenant(), user.username());
		}
		return true;
	}

	private String open(TenantUser user) {
		return kek.open(user.totpSecretSealed(), boundTo(user));
	}

	private static String boundTo(TenantUser user) {
		return "totp:" + user.tenant() + ":" + user.username();
	}
}
