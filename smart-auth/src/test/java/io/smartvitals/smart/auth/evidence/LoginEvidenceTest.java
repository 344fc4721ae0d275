package io.smartvitals.smart.auth.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartvitals.audit.AuditTrail;
import io.smartvitals.audit.record.AuditAction;
import io.smartvitals.audit.record.AuditRecord;
import io.smartvitals.audit.record.Outcome;
import io.smartvitals.smart.auth.login.LoginEvents.Step;
import io.smartvitals.smart.auth.login.LoginOutcome;
import io.smartvitals.smart.auth.login.LoginOutcome.Reason;
import io.smartvitals.smart.auth.users.FhirUserReference;
import io.smartvitals.smart.auth.users.TenantUser;
import io.smartvitals.smart.auth.users.UserKind;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoginEvidenceTest {

	private final List<AuditRecord> recorded = new ArrayList<>();
	private final AuditTrail trail = recorded::add;
	private final LoginEvidence evidence = new LoginEvidence(trail, Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));

	@Test
	void aSignInIsASuccessNamingTheUserAndTheFactorsUsed() {
		evidence.decided("t1", "dr.a", Step.CODE, new LoginOutcome.SignedIn(user("dr.a")));
		assertThat(recorded).singleElement().satisfies(r -> {
			assertThat(r.action()).isEqualTo(AuditAction.LOGIN_SUCCESS);
			assertThat(r.tenant()).isEqualTo("t1");
			assertThat(r.actor().id()).isEqualTo("dr.a");
			assertThat(r.rule()).isEqualTo("password+totp");
			assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS);
		});
	}

	@Test
	void refusalsAreDeniedAndTellWrongPasswordWrongCodeLockoutAndThrottlesApartWhateverTheMessage() {
		String same = "Wrong username or password.";
		evidence.decided("t1", "nobody", Step.PASSWORD, new LoginOutcome.Refused(Reason.CREDENTIALS, same));
		evidence.decided("t1", "dr.a", Step.CODE, new LoginOutcome.Refused(Reason.CODE, "That code is not valid."));
		evidence.decided("t1", "dr.a", Step.PASSWORD, new LoginOutcome.Refused(Reason.LOCKED, same));
		evidence.decided("t1", "dr.a", Step.PASSWORD, new LoginOutcome.Refused(Reason.ACCOUNT_WAIT, same));
		evidence.decided("t1", "dr.b", Step.PASSWORD, new LoginOutcome.Refused(Reason.SOURCE_WAIT, "wait"));
		assertThat(recorded).extracting(AuditRecord::action).containsExactly(AuditAction.LOGIN_FAILURE, AuditAction.MFA_FAILURE,
				AuditAction.LOCKOUT, AuditAction.LOGIN_FAILURE, AuditAction.LOGIN_FAILURE);
		assertThat(recorded).extracting(AuditRecord::rule)
				.containsExactly("password", "totp", "lockout-policy", "account-throttle", "source-throttle");
		assertThat(recorded).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.DENIED));
		assertThat(recorded.get(0).actor().id()).isEqualTo("nobody");
	}

	@Test
	void theFirstCodeOfANewAuthenticatorIsAnEnrolmentAndASignIn() {
		evidence.decided("t1", "dr.a", Step.ENROLMENT, new LoginOutcome.SignedIn(user("dr.a")));
		evidence.decided("t1", "dr.a", Step.ENROLMENT, new LoginOutcome.Refused(Reason.CODE, "That code is not valid."));
		assertThat(recorded).extracting(AuditRecord::action)
				.containsExactly(AuditAction.MFA_ENROLLED, AuditAction.LOGIN_SUCCESS, AuditAction.MFA_FAILURE);
	}

	@Test
	void aPasswordThatStillNeedsACodeIsNotYetAnEvent() {
		evidence.decided("t1", "dr.a", Step.PASSWORD, new LoginOutcome.CodeNeeded(user("dr.a")));
		evidence.decided("t1", "dr.a", Step.PASSWORD, new LoginOutcome.EnrolmentNeeded(user("dr.a")));
		assertThat(recorded).isEmpty();
	}

	private static TenantUser user(String name) {
		return new TenantUser("t1", name, "hash", FhirUserReference.parse("Practitioner/p1"), UserKind.PRACTITIONER, false, false,
				null, true, 0, null, null, Instant.EPOCH, null);
	}
}
