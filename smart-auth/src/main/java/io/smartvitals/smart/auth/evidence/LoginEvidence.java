package io.smartvitals.smart.auth.evidence;

import io.smartvitals.audit.AuditTrail;
import io.smartvitals.audit.record.Actor;
import io.smartvitals.audit.record.AuditAction;
import io.smartvitals.audit.record.SecurityEvent;
import io.smartvitals.smart.auth.login.LoginEvents;
import io.smartvitals.smart.auth.login.LoginOutcome;
import java.time.Clock;

/**
 * Records sign-ins, wrong passwords or codes, and lockouts. Intermediate steps (password right,
 * code still needed) are not events: the sign-in that follows, or its failure, is.
 */
public class LoginEvidence implements LoginEvents {

	private final AuditTrail trail;
	private final Clock clock;

	public LoginEvidence(AuditTrail trail, Clock clock) {
		this.trail = trail;
		this.clock = clock;
	}

	@Override
	public void decided(String tenant, String username, Step step, LoginOutcome outcome) {
		if (!trail.enabled()) {
			return;
		}
		if (outcome instanceof LoginOutcome.SignedIn signedIn) {
			Actor user = Actor.user(signedIn.user().username());
			if (step == Step.ENROLMENT) {
				record(SecurityEvent.of(AuditAction.MFA_ENROLLED, tenant).actor(user).rule("totp").success());
			}
			record(SecurityEvent.of(AuditAction.LOGIN_SUCCESS, tenant).actor(user)
					.rule(step == Step.PASSWORD ? "password" : "password+totp").success());
		} else if (outcome instanceof LoginOutcome.Refused refused) {
			LoginOutcome.Reason reason = refused.reason();
			AuditAction action = reason == LoginOutcome.Reason.LOCKED ? AuditAction.LOCKOUT
					: step == Step.PASSWORD ? AuditAction.LOGIN_FAILURE : AuditAction.MFA_FAILURE;
			String rule = switch (reason) {
				case LOCKED -> "lockout-policy";
				case ACCOUNT_WAIT -> "account-throttle";
				case SOURCE_WAIT -> "source-throttle";
				case CREDENTIALS, CODE -> step == Step.PASSWORD ? "password" : "totp";
			};
			record(SecurityEvent.of(action, tenant).actor(Actor.user(username)).denied(rule));
		}
	}

	private void record(SecurityEvent event) {
		CurrentRequest.get().ifPresent(event::from);
		trail.record(event.at(clock.instant()).build());
	}
}
