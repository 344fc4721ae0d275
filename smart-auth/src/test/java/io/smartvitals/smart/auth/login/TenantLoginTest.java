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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

class TenantLoginTest {

	private static final String PASSWORD = "correct horse battery";
	private final AuthDatabase.MovableClock clock = new AuthDatabase.MovableClock(Instant.parse("2026-11-23T10:00:00Z"));
	private final PasswordEncoder passwords = PasswordEncoderFactories.createDelegatingPasswordEncoder();
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
		login = new TenantLogin(repository, policies, totp, passwords, LockoutPolicy.defaults(), clock);
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
		assertThat(login.password("tenant-a", "Dr.Smith", PASSWORD)).isInstanceOf(LoginOutcome.SignedIn.class);
	}

	@Test
	void aUserOfTenantACannotLogInAtTenantB() {
		LoginOutcome outcome = login.password("tenant-b", "dr.smith", PASSWORD);
		assertThat(outcome).isEqualTo(new LoginOutcome.Refused(TenantLogin.WRONG_CREDENTIALS));
	}

	@Test
	void unknownUserAndWrongPasswordGetTheSameAnswer() {
		assertThat(login.password("tenant-a", "nobody", PASSWORD)).isEqualTo(login.password("tenant-a", "dr.smith", "wrong password!"));
	}

	@Test
	void aDisabledUserCannotLogInEvenWithTheRightPassword() {
		users.disable("tenant-a", "dr.smith");
		assertThat(login.password("tenant-a", "dr.smith", PASSWORD)).isEqualTo(new LoginOutcome.Refused(TenantLogin.WRONG_CREDENTIALS));
	}

	@Test
	void afterThreeFailuresTheNextAttemptMustWaitAndHammeringLocksTheAccount() {
		for (int i = 0; i < 3; i++) {
			assertThat(login.password("tenant-a", "dr.smith", "wrong password " + i)).isInstanceOf(LoginOutcome.Refused.class);
		}
		LoginOutcome tooEarly = login.password("tenant-a", "dr.smith", PASSWORD);
		assertThat(((LoginOutcome.Refused) tooEarly).message()).startsWith("Too many failed attempts: wait");
		for (int i = 0; i < 5; i++) {
			login.password("tenant-a", "dr.smith", PASSWORD);
		}
		assertThat(login.password("tenant-a", "dr.smith", PASSWORD)).isEqualTo(new LoginOutcome.Refused(TenantLogin.LOCKED));
		clock.advance(Duration.ofMinutes(14));
		assertThat(login.password("tenant-a", "dr.smith", PASSWORD)).isEqualTo(new LoginOutcome.Refused(TenantLogin.LOCKED));
		clock.advance(Duration.ofMinutes(1));
		assertThat(login.password("tenant-a", "dr.smith", PASSWORD)).isInstanceOf(LoginOutcome.SignedIn.class);
		assertThat(repository.find("tenant-a", "dr.smith").orElseThrow().failedCount()).isZero();
	}

	@Test
	void waitingOutTheDelayLetsTheRightPasswordIn() {
		for (int i = 0; i < 4; i++) {
			login.password("tenant-a", "dr.smith", "wrong password " + i);
			clock.advance(Duration.ofSeconds(5));
		}
		assertThat(login.password("tenant-a", "dr.smith", PASSWORD)).isInstanceOf(LoginOutcome.SignedIn.class);
	}

	@Test
	void whenTheTenantRequiresMfaTheUserMustEnrolAndThePasswordAloneIsNotALogin() {
		policies.update("tenant-a", new TenantAuthPolicies.AuthPolicy(true));
		LoginOutcome afterPassword = login.password("tenant-a", "dr.smith", PASSWORD);
		assertThat(afterPassword).isInstanceOf(LoginOutcome.EnrolmentNeeded.class);

		TenantUser user = repository.find("tenant-a", "dr.smith").orElseThrow();
		TotpEnrolment enrolment = totp.enrolment(user, "Tenant A");
		assertThat(totp.enrolment(repository.find("tenant-a", "dr.smith").orElseThrow(), "Tenant A").secretBase32())
				.as("reloading the enrolment page shows the same secret").isEqualTo(enrolment.secretBase32());
		String code = Totp.code(Base32.decode(enrolment.secretBase32()), clock.instant());
		assertThat(login.code("tenant-a", "dr.smith", code)).isInstanceOf(LoginOutcome.SignedIn.class);
		assertThat(repository.find("tenant-a", "dr.smith").orElseThrow().mfaEnrolled()).isTrue();

		assertThat(login.password("tenant-a", "dr.smith", PASSWORD)).isInstanceOf(LoginOutcome.CodeNeeded.class);
	}

	@Test
	void aCodeIsAcceptedOnlyOnceAndAnOlderStepAfterANewerOneIsRefused() {
		TotpEnrolment enrolment = totp.enrolment(repository.find("tenant-a", "dr.smith").orElseThrow(), "Tenant A");
		byte[] secret = Base32.decode(enrolment.secretBase32());
		String code = Totp.code(secret, clock.instant());
		assertThat(login.code("tenant-a", "dr.smith", code)).isInstanceOf(LoginOutcome.SignedIn.class);
		assertThat(login.code("tenant-a", "dr.smith", code)).isEqualTo(new LoginOutcome.Refused(TenantLogin.WRONG_CODE));
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
			login.code("tenant-a", "dr.smith", "000000");
		}
		assertThat(repository.find("tenant-a", "dr.smith").orElseThrow().lockedUntil()).isNotNull();
	}
}
