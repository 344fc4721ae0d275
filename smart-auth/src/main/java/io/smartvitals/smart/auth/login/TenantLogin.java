package io.smartvitals.smart.auth.login;

import io.smartvitals.smart.auth.mfa.TotpSecrets;
import io.smartvitals.smart.auth.users.NewUser;
import io.smartvitals.smart.auth.users.TenantAuthPolicies;
import io.smartvitals.smart.auth.users.TenantUser;
import io.smartvitals.smart.auth.users.TenantUserRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The two login steps of a tenant's user, with {@link LockoutPolicy} applied to both. Users are
 * looked up by (tenant, username) only, so a user of tenant A does not exist at tenant B.
 */
public class TenantLogin {

	static final String WRONG_CREDENTIALS = "Wrong username or password.";
	static final String WRONG_CODE = "That code is not valid. Codes change every 30 seconds and work once.";
	/** Shown while the account is locked; {@link LoginEvents} listeners tell a lockout by it. */
	public static final String LOCKED = "Too many failed attempts: this account is locked for a while. Try again later or ask your administrator.";

	private final TenantUserRepository users;
	private final TenantAuthPolicies policies;
	private final TotpSecrets totp;
	private final PasswordEncoder passwords;
	private final LockoutPolicy lockout;
	private final Clock clock;
	private final LoginEvents events;
	/** Compared against when the username is unknown, so both cases cost one hash. */
	private final String decoyHash;

	public TenantLogin(TenantUserRepository users, TenantAuthPolicies policies, TotpSecrets totp, PasswordEncoder passwords,
			LockoutPolicy lockout, Clock clock) {
		this(users, policies, totp, passwords, lockout, clock, LoginEvents.NONE);
	}

	public TenantLogin(TenantUserRepository users, TenantAuthPolicies policies, TotpSecrets totp, PasswordEncoder passwords,
			LockoutPolicy lockout, Clock clock, LoginEvents events) {
		this.events = events;
		this.users = users;
		this.policies = policies;
		this.totp = totp;
		this.passwords = passwords;
		this.lockout = lockout;
		this.clock = clock;
		this.decoyHash = passwords.encode("decoy-password-never-valid");
	}

	public LoginOutcome password(String tenant, String username, String password) {
		LoginOutcome outcome = checkPassword(tenant, username, password);
		events.decided(tenant, username, LoginEvents.Step.PASSWORD, outcome);
		return outcome;
	}

	private LoginOutcome checkPassword(String tenant, String username, String password) {
		Optional<TenantUser> found = users.find(tenant, NewUser.normalizeUsername(username));
		if (found.isEmpty() || password == null || password.isEmpty() || password.length() > 200) {
			passwords.matches(password == null ? "" : password, decoyHash);
			return new LoginOutcome.Refused(WRONG_CREDENTIALS);
		}
		TenantUser user = found.get();
		Optional<LoginOutcome> gate = gate(user);
		if (gate.isPresent()) {
			return gate.get();
		}
		if (!passwords.matches(password, user.passwordHash())) {
			return fail(user, WRONG_CREDENTIALS);
		}
		if (user.disabled()) {
			return new LoginOutcome.Refused(WRONG_CREDENTIALS);
		}
		if (user.mfaEnrolled()) {
			return new LoginOutcome.CodeNeeded(user);
		}
		if (policies.policy(tenant).mfaRequired()) {
			return new LoginOutcome.EnrolmentNeeded(user);
		}
		return signIn(user);
	}

	/** The second step: a TOTP code (also the first code of an enrolment, which confirms it). */
	public LoginOutcome code(String tenant, String username, String code) {
		// A code from a user without a confirmed authenticator is the first code of an enrolment.
		boolean enrolling = users.find(tenant, username).map(u -> !u.mfaEnrolled()).orElse(false);
		LoginOutcome outcome = checkCode(tenant, username, code);
		events.decided(tenant, username, enrolling ? LoginEvents.Step.ENROLMENT : LoginEvents.Step.CODE, outcome);
		return outcome;
	}

	private LoginOutcome checkCode(String tenant, String username, String code) {
		Optional<TenantUser> found = users.find(tenant, username);
		if (found.isEmpty() || found.get().disabled()) {
			return new LoginOutcome.Refused(WRONG_CREDENTIALS);
		}
		TenantUser user = found.get();
		Optional<LoginOutcome> gate = gate(user);
		if (gate.isPresent()) {
			return gate.get();
		}
		if (!totp.accept(user, code)) {
			return fail(user, WRONG_CODE);
		}
		return signIn(users.find(tenant, username).orElseThrow());
	}

	private Optional<LoginOutcome> gate(TenantUser user) {
		Instant now = clock.instant();
		LockoutPolicy.Gate gate = lockout.gate(user.failedCount(), user.lastFailureAt(), user.lockedUntil(), now);
		if (gate instanceof LockoutPolicy.Gate.Locked) {
			return Optional.of(new LoginOutcome.Refused(LOCKED));
		}
		if (gate instanceof LockoutPolicy.Gate.Wait wait) {
			// Attempts inside the wait count too: hammering leads to the lock, not to more guesses.
			LoginOutcome counted = fail(user, null);
			if (counted instanceof LoginOutcome.Refused refused && LOCKED.equals(refused.message())) {
				return Optional.of(counted);
			}
			long seconds = Math.max(1, Duration.between(now, wait.until()).toSeconds() + 1);
			return Optional.of(new LoginOutcome.Refused(
					"Too many failed attempts: wait " + seconds + " seconds, then try again."));
		}
		return Optional.empty();
	}

	private LoginOutcome fail(TenantUser user, String message) {
		Instant now = clock.instant();
		int failures = users.recordFailure(user.tenant(), user.username(), now);
		if (lockout.locksAt(failures)) {
			users.lock(user.tenant(), user.username(), now.plus(lockout.lockDuration()));
			return new LoginOutcome.Refused(LOCKED);
		}
		return new LoginOutcome.Refused(message);
	}

	private LoginOutcome signIn(TenantUser user) {
		users.recordSuccess(user.tenant(), user.username(), clock.instant());
		return new LoginOutcome.SignedIn(user);
	}
}
