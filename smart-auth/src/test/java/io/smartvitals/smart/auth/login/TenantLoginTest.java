package io.smartvitals.smart.auth.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartvitals.smart.auth.keys.KeyEncryptionKey;
import io.smartvitals.smart.auth.mfa.Base32;
import io.smartvitals.smart.auth.mfa.Totp;
import io.smartvitals.smart.auth.mfa.TotpEnrolment;
import io.smartvitals.smart.auth.mfa.TotpSecrets;
import io.smartvitals.smart.auth.support.AuthDatabase;
import io.smartvitals.smart.auth.users.NewUser;
import io.smartvitals.smart.auth.users.TenantAuthPolicies;
import io.smartvitals.smart.auth.users.TenantUser;
import io.smartvitals.smart.auth.users.TenantUserRepository;
import io.smartvitals.smart.auth.users.TenantUsers;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import io.smartvitals.smart.auth.login.LoginOutcome.Reason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

class TenantLoginTest {

	private static final String PASSWORD = "correct horse battery";
	private final AuthDatabase.MovableClock clock = new AuthDatabase.MovableClock(Instant.parse("2026-11-23T10:00:00Z"));
	private static final String HERE = "192.0.2.10";
	private final PasswordEncoder passwords = PasswordEncoderFactories.createDelegatingPasswordEncoder();
	/** Counts hash comparisons: every checked refusal must cost exactly one, like a wrong password. */
	private final AtomicInteger hashes = new AtomicInteger();
	private final PasswordEncoder counting = new PasswordEncoder() {
		@Override
		public String encode(CharSequence raw) {
			return passwords.encode(raw);
		}

		@Override
		public boolean matches(CharSequence raw, String encoded) {
			hashes.incrementAndGet();
			return passwords.matches(raw, encoded);
		}
	};
	private JdbcTemplate jdbc;
	private TenantUserRepository repository;
	private TenantUsers users;
	private TenantAuthPolicies policies;
	private TotpSecrets totp;
	private TenantLogin login;

	@BeforeEach
	void freshDatabase() {
		jdbc = AuthDatabase.fresh();
		repository = new TenantUserRepository(jdbc);
		users = new TenantUsers(repository, passwords, clock, new io.smartvitals.smart.auth.server.PrincipalRevocations(jdbc, clock));
		policies = new TenantAuthPolicies(jdbc, clock);
		totp = new TotpSecrets(repository, KeyEncryptionKey.fromBase64(KeyEncryptionKey.generateBase64()), clock);
		login = new TenantLogin(repository, policies, totp, counting, LockoutPolicy.defaults(), SourceThrottle.defaults(),
				new LoginSources(jdbc), clock, LoginEvents.NONE);
		users.create("tenant-a", NewUser.of("dr.smith", PASSWORD, "Practitioner/p1", "practitioner", true)).orElseThrow();
	}

	@Test
	void passwordsAreStoredAsAdaptiveHashesOnly() {
		String stored = jdbc.queryForObject("SELECT password_hash FROM auth_user WHERE username = 'dr.smith'", String.class);
		assertThat(stored).startsWith("{bcrypt}$2").doesNotContain(PASSWORD);
		assertThat(passwords.matches(PASSWORD, stored)).isTrue();
	}

	@Test
	void theRightPasswordSignsInAndUsernamesAreCaseInsensitive() {
		assertThat(password("tenant-a", "Dr.Smith", PASSWORD)).isInstanceOf(LoginOutcome.SignedIn.class);
	}

	@Test
	void aUserOfTenantACannotLogInAtTenantB() {
		LoginOutcome outcome = password("tenant-b", "dr.smith", PASSWORD);
		assertThat(outcome).isEqualTo(new LoginOutcome.Refused(Reason.CREDENTIALS, TenantLogin.WRONG_CREDENTIALS));
	}

	@Test
	void unknownUserAndWrongPasswordGetTheSameAnswer() {
		assertThat(password("tenant-a", "nobody", PASSWORD)).isEqualTo(password("tenant-a", "dr.smith", "wrong password!"));
	}

	@Test
	void aDisabledUserCannotLogInEvenWithTheRightPassword() {
		users.disable("tenant-a", "dr.smith");
		assertThat(password("tenant-a", "dr.smith", PASSWORD)).isEqualTo(new LoginOutcome.Refused(Reason.CREDENTIALS, TenantLogin.WRONG_CREDENTIALS));
	}

	@Test
	void everyRefusalOfThePasswordStepReadsLikeAnUnknownUserAndCostsOneHash() {
		users.create("tenant-a", NewUser.of("gone", PASSWORD, "Practitioner/p3", "practitioner", false)).orElseThrow();
		users.disable("tenant-a", "gone");
		users.create("tenant-a", NewUser.of("held", PASSWORD, "Practitioner/p4", "practitioner", false)).orElseThrow();
		users.lock("tenant-a", "held");
		users.create("tenant-a", NewUser.of("waiting", PASSWORD, "Practitioner/p5", "practitioner", false)).orElseThrow();
		for (int i = 0; i < 3; i++) {
			password("tenant-a", "waiting", "wrong password " + i);
		}
		String[][] states = {{"nobody", PASSWORD}, {"dr.smith", "wrong password!"}, {"dr.smith", ""}, {"gone", PASSWORD},
			{"held", PASSWORD}, {"waiting", PASSWORD}};
		for (String[] state : states) {
			hashes.set(0);
			LoginOutcome outcome = password("tenant-a", state[0], state[1]);
			assertThat(outcome).as(state[0]).isInstanceOf(LoginOutcome.Refused.class);
			assertThat(((LoginOutcome.Refused) outcome).message()).as(state[0]).isEqualTo(TenantLogin.WRONG_CREDENTIALS);
			assertThat(hashes).as("hash comparisons for " + state[0]).hasValue(1);
		}
	}

	@Test
	void attemptsInsideTheAccountsWaitAreNotCheckedAndDoNotCount() {
		for (int i = 0; i < 3; i++) {
			assertThat(password("tenant-a", "dr.smith", "wrong password " + i)).isInstanceOf(LoginOutcome.Refused.class);
		}
		// Hammering at once, from many sources: nothing is checked, nothing counts, nothing locks.
		for (int i = 0; i < 30; i++) {
			LoginOutcome held = login.password("tenant-a", "dr.smith", PASSWORD, "198.51.100." + i);
			assertThat(held).isEqualTo(new LoginOutcome.Refused(Reason.ACCOUNT_WAIT, TenantLogin.WRONG_CREDENTIALS));
		}
		TenantUser victim = repository.find("tenant-a", "dr.smith").orElseThrow();
		assertThat(victim.failedCount()).isEqualTo(3);
		assertThat(victim.lockedUntil()).isNull();
		clock.advance(Duration.ofSeconds(1));
		assertThat(password("tenant-a", "dr.smith", PASSWORD)).isInstanceOf(LoginOutcome.SignedIn.class);
	}

	@Test
	void lockingAnAccountTakesTheSumOfItsWaitsAndTheLockHoldsUntilItRunsOut() {
		Instant start = clock.instant();
		LoginOutcome outcome;
		int attempt = 0;
		do {
			clock.advance(LockoutPolicy.defaults().delayAfter(repository.find("tenant-a", "dr.smith").orElseThrow().failedCount()));
			outcome = login.password("tenant-a", "dr.smith", "wrong password " + attempt, "203.0.113." + attempt++);
		} while (((LoginOutcome.Refused) outcome).reason() != Reason.LOCKED);
		assertThat(attempt).isEqualTo(10);
		assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofSeconds(1 + 2 + 4 + 8 + 16 + 30 + 30));
		assertThat(((LoginOutcome.Refused) outcome).message()).isEqualTo(TenantLogin.WRONG_CREDENTIALS);
		clock.advance(Duration.ofMinutes(14));
		assertThat(password("tenant-a", "dr.smith", PASSWORD)).isEqualTo(new LoginOutcome.Refused(Reason.LOCKED, TenantLogin.WRONG_CREDENTIALS));
		clock.advance(Duration.ofMinutes(1));
		assertThat(password("tenant-a", "dr.smith", PASSWORD)).isInstanceOf(LoginOutcome.SignedIn.class);
		assertThat(repository.find("tenant-a", "dr.smith").orElseThrow().failedCount()).isZero();
	}

	@Test
	void waitingOutTheDelayLetsTheRightPasswordIn() {
		for (int i = 0; i < 4; i++) {
			password("tenant-a", "dr.smith", "wrong password " + i);
			clock.advance(Duration.ofSeconds(5));
		}
		assertThat(password("tenant-a", "dr.smith", PASSWORD)).isInstanceOf(LoginOutcome.SignedIn.class);
	}

	@Test
	void aSourceIsThrottledAcrossUsernamesAlikeForKnownAndUnknownOnesAndAnotherSourceIsNot() {
		for (int i = 0; i < 20; i++) {
			assertThat(password("tenant-a", "sprayed-" + i, "guess")).isInstanceOf(LoginOutcome.Refused.class);
		}
		LoginOutcome known = password("tenant-a", "dr.smith", PASSWORD);
		LoginOutcome unknown = password("tenant-a", "nobody", PASSWORD);
		assertThat(known).isEqualTo(unknown);
		assertThat(((LoginOutcome.Refused) known).reason()).isEqualTo(Reason.SOURCE_WAIT);
		assertThat(((LoginOutcome.Refused) known).message()).startsWith("Too many failed sign-ins from your network: wait 1 seconds");
		for (int i = 0; i < 30; i++) {
			password("tenant-a", "nobody", PASSWORD);
		}
		assertThat(new LoginSources(jdbc).of("tenant-a", HERE).count()).as("attempts inside the wait do not count").isEqualTo(20);
		assertThat(login.password("tenant-a", "dr.smith", PASSWORD, "192.0.2.11")).isInstanceOf(LoginOutcome.SignedIn.class);
		assertThat(login.password("tenant-b", "nobody", PASSWORD, HERE)).as("per tenant")
				.isEqualTo(new LoginOutcome.Refused(Reason.CREDENTIALS, TenantLogin.WRONG_CREDENTIALS));
		clock.advance(Duration.ofSeconds(1));
		assertThat(password("tenant-a", "dr.smith", PASSWORD)).isInstanceOf(LoginOutcome.SignedIn.class);
		assertThat(((LoginOutcome.Refused) password("tenant-a", "nobody", "x")).reason()).isEqualTo(Reason.CREDENTIALS);
		assertThat(((LoginOutcome.Refused) password("tenant-a", "nobody", "x")).reason()).as("the 22nd waits 2 s").isEqualTo(Reason.SOURCE_WAIT);
		clock.advance(Duration.ofMinutes(16));
		assertThat(((LoginOutcome.Refused) password("tenant-a", "nobody", "x")).reason()).as("forgotten after the window")
				.isEqualTo(Reason.CREDENTIALS);
		assertThat(new LoginSources(jdbc).of("tenant-a", HERE).count()).isEqualTo(1);
	}

	private LoginOutcome password(String tenant, String username, String password) {
		return login.password(tenant, username, password, HERE);
	}

	@Test
	void whenTheTenantRequiresMfaTheUserMustEnrolAndThePasswordAloneIsNotALogin() {
		policies.update("tenant-a", new TenantAuthPolicies.AuthPolicy(true));
		LoginOutcome afterPassword = password("tenant-a", "dr.smith", PASSWORD);
		assertThat(afterPassword).isInstanceOf(LoginOutcome.EnrolmentNeeded.class);

		TenantUser user = repository.find("tenant-a", "dr.smith").orElseThrow();
		TotpEnrolment enrolment = totp.enrolment(user, "Tenant A");
		assertThat(totp.enrolment(repository.find("tenant-a", "dr.smith").orElseThrow(), "Tenant A").secretBase32())
				.as("reloading the enrolment page shows the same secret").isEqualTo(enrolment.secretBase32());
		String code = Totp.code(Base32.decode(enrolment.secretBase32()), clock.instant());
		assertThat(login.code("tenant-a", "dr.smith", code)).isInstanceOf(LoginOutcome.SignedIn.class);
		assertThat(repository.find("tenant-a", "dr.smith").orElseThrow().mfaEnrolled()).isTrue();

		assertThat(password("tenant-a", "dr.smith", PASSWORD)).isInstanceOf(LoginOutcome.CodeNeeded.class);
	}

	@Test
	void aCodeIsAcceptedOnlyOnceAndAnOlderStepAfterANewerOneIsRefused() {
		TotpEnrolment enrolment = totp.enrolment(repository.find("tenant-a", "dr.smith").orElseThrow(), "Tenant A");
		byte[] secret = Base32.decode(enrolment.secretBase32());
		String code = Totp.code(secret, clock.instant());
		assertThat(login.code("tenant-a", "dr.smith", code)).isInstanceOf(LoginOutcome.SignedIn.class);
		assertThat(login.code("tenant-a", "dr.smith", code)).isEqualTo(new LoginOutcome.Refused(Reason.CODE, TenantLogin.WRONG_CODE));
		String previousStep = Totp.code(secret, Totp.stepAt(clock.instant()) - 1, 6);
		assertThat(login.code("tenant-a", "dr.smith", previousStep)).isInstanceOf(LoginOutcome.Refused.class);
		clock.advance(Duration.ofSeconds(30));
		assertThat(login.code("tenant-a", "dr.smith", Totp.code(secret, clock.instant()))).isInstanceOf(LoginOutcome.SignedIn.class);
	}

	@Test
	void theTotpSecretIsSealedAndBoundToItsUser() {
		totp.enrolment(repository.find("tenant-a", "dr.smith").orElseThrow(), "Tenant A");
		users.create("tenant-a", NewUser.of("mallory", PASSWORD, "Practitioner/p2", "practitioner", false));
		Map<String, Object> row = jdbc.queryForMap("SELECT totp_secret_sealed FROM auth_user WHERE username = 'dr.smith'");
		String sealed = (String) row.get("TOTP_SECRET_SEALED");
		jdbc.update("UPDATE auth_user SET totp_secret_sealed = ?, mfa_enrolled = TRUE WHERE username = 'mallory'", sealed);
		TenantUser mallory = repository.find("tenant-a", "mallory").orElseThrow();
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> totp.accept(mallory, "123456"))
				.isInstanceOf(IllegalStateException.class);
	}

	@Test
	void wrongCodesCountTowardsTheLock() {
		totp.enrolment(repository.find("tenant-a", "dr.smith").orElseThrow(), "Tenant A");
		for (int i = 0; i < 10; i++) {
			clock.advance(LockoutPolicy.defaults().delayAfter(repository.find("tenant-a", "dr.smith").orElseThrow().failedCount()));
			login.code("tenant-a", "dr.smith", "000000");
		}
		assertThat(repository.find("tenant-a", "dr.smith").orElseThrow().lockedUntil()).isNotNull();
		assertThat(login.code("tenant-a", "dr.smith", "000000")).isEqualTo(new LoginOutcome.Refused(Reason.LOCKED, TenantLogin.LOCKED));
	}
}
