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
 * The two login steps of a tenant's user: {@link SourceThrottle} first (per tenant and client
 * address), then the account's {@link LockoutPolicy} on both steps. Users are looked up by
 * (tenant, username) only, so a user of tenant A does not exist at tenant B.
 */
public class TenantLogin {

	/**
	 * Every refusal of the password step but the source's wait: an unknown user, a wrong password,
	 * a disabled, waiting or locked account all read (and take) the same, so none tells whether
	 * the username exists or what state it is in.
	 */
	static final String WRONG_CREDENTIALS = "Wrong username or password. After repeated failures an account is held for a while:"
			+ " wait a minute before trying again, or ask your administrator.";
	static final String WRONG_CODE = "That code is not valid. Codes change every 30 seconds and work once.";
	/** Shown at the code step while the account is locked (the password was right, so this tells nothing new). */
	public static final String LOCKED = "Too many failed attempts: this account is locked for a while. Try again later or ask your administrator.";

	private final TenantUserRepository users;
	private final TenantAuthPolicies policies;
	private final TotpSecrets totp;
	private final PasswordEncoder passwords;
	private final LockoutPolicy lockout;
	private final SourceThrottle throttle;
	private final LoginSources sources;
	private final Clock clock;
	private final LoginEvents events;
	/** Compared against whenever no stored hash is, so every checked refusal costs one hash. */
	private final String decoyHash;

	public TenantLogin(TenantUserRepository users, TenantAuthPolicies policies, TotpSecrets totp, PasswordEncoder passwords,
			LockoutPolicy lockout, SourceThrottle throttle, LoginSources sources, Clock clock, LoginEvents events) {
		this.events = events;
		this.users = users;
		this.policies = policies;
		this.totp = totp;
		this.passwords = passwords;
		this.lockout = lockout;
		this.throttle = throttle;
		this.sources = sources;
		this.clock = clock;
		this.decoyHash = passwords.encode("decoy-password-never-valid");
	}

	/** @param remoteAddress the client's address as the container sees it (a trusted proxy's client, profile "proxy") */
	public LoginOutcome password(String tenant, String username, String password, String remoteAddress) {
		String source = SourceThrottle.source(remoteAddress);
		LoginOutcome outcome = checkPassword(tenant, username, password, source);
		if (outcome instanceof LoginOutcome.Refused refused && refused.reason() != LoginOutcome.Reason.SOURCE_WAIT) {
			sources.recordFailure(tenant, source, clock.instant(), throttle.window());
		}
		events.decided(tenant, username, LoginEvents.Step.PASSWORD, outcome);
		return outcome;
	}

	private LoginOutcome checkPassword(String tenant, String username, String password, String source) {
		Instant now = clock.instant();
		LoginSources.Failures fromSource = sources.of(tenant, source);
		Optional<Instant> sourceWait = throttle.waitUntil(fromSource.count(), fromSource.lastFailureAt(), now);
		if (sourceWait.isPresent()) {
			return new LoginOutcome.Refused(LoginOutcome.Reason.SOURCE_WAIT, "Too many failed sign-ins from your network: wait "
					+ seconds(now, sourceWait.get()) + " seconds, then try again.");
		}
		Optional<TenantUser> found = users.find(tenant, NewUser.normalizeUsername(username));
		boolean usable = password != null && !password.isEmpty() && password.length() <= 200;
		if (found.isEmpty() || !usable) {
			return refusedAfterDecoy(password, LoginOutcome.Reason.CREDENTIALS);
		}
		TenantUser user = found.get();
		LockoutPolicy.Gate gate = lockout.gate(user.failedCount(), user.lastFailureAt(), user.lockedUntil(), now);
		if (gate instanceof LockoutPolicy.Gate.Locked) {
			return refusedAfterDecoy(password, LoginOutcome.Reason.LOCKED);
		}
		if (gate instanceof LockoutPolicy.Gate.Wait) {
			return refusedAfterDecoy(password, LoginOutcome.Reason.ACCOUNT_WAIT);
		}
		if (!passwords.matches(password, user.passwordHash())) {
			return new LoginOutcome.Refused(fail(user, LoginOutcome.Reason.CREDENTIALS), WRONG_CREDENTIALS);
		}
		if (user.disabled()) {
			return new LoginOutcome.Refused(LoginOutcome.Reason.CREDENTIALS, WRONG_CREDENTIALS);
		}
		if (user.mfaEnrolled()) {
			return new LoginOutcome.CodeNeeded(user);
		}
		if (policies.policy(tenant).mfaRequired()) {
			return new LoginOutcome.EnrolmentNeeded(user);
		}
		return signIn(user);
	}

	/** A refusal that looked at no stored hash still costs one, so its timing matches a wrong password's. */
	private LoginOutcome refusedAfterDecoy(String password, LoginOutcome.Reason reason) {
		passwords.matches(password == null ? "" : password.substring(0, Math.min(password.length(), 200)), decoyHash);
		return new LoginOutcome.Refused(reason, WRONG_CREDENTIALS);
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
			return new LoginOutcome.Refused(LoginOutcome.Reason.CREDENTIALS, WRONG_CREDENTIALS);
		}
		TenantUser user = found.get();
		Instant now = clock.instant();
		LockoutPolicy.Gate gate = lockout.gate(user.failedCount(), user.lastFailureAt(), user.lockedUntil(), now);
		if (gate instanceof LockoutPolicy.Gate.Locked) {
			return new LoginOutcome.Refused(LoginOutcome.Reason.LOCKED, LOCKED);
		}
		if (gate instanceof LockoutPolicy.Gate.Wait wait) {
			return new LoginOutcome.Refused(LoginOutcome.Reason.ACCOUNT_WAIT,
					"Too many failed attempts: wait " + seconds(now, wait.until()) + " seconds, then try again.");
		}
		if (!totp.accept(user, code)) {
			LoginOutcome.Reason reason = fail(user, LoginOutcome.Reason.CODE);
			return new LoginOutcome.Refused(reason, reason == LoginOutcome.Reason.LOCKED ? LOCKED : WRONG_CODE);
		}
		return signIn(users.find(tenant, username).orElseThrow());
	}

	/** Counts a checked failure: {@link LoginOutcome.Reason#LOCKED} when it reached the lock, else {@code reason}. */
	private LoginOutcome.Reason fail(TenantUser user, LoginOutcome.Reason reason) {
		Instant now = clock.instant();
		int failures = users.recordFailure(user.tenant(), user.username(), now);
		if (lockout.locksAt(failures)) {
			users.lock(user.tenant(), user.username(), now.plus(lockout.lockDuration()));
			return LoginOutcome.Reason.LOCKED;
		}
		return reason;
	}

	private static long seconds(Instant now, Instant until) {
		return Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000);
	}

	private LoginOutcome signIn(TenantUser user) {
		users.recordSuccess(user.tenant(), user.username(), clock.instant());
		return new LoginOutcome.SignedIn(user);
	}
}
