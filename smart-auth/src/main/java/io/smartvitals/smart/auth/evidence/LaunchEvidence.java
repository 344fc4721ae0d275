package io.smartvitals.smart.auth.evidence;

import io.smartvitals.audit.AuditTrail;
import io.smartvitals.audit.record.AuditAction;
import io.smartvitals.audit.record.SecurityEvent;
import io.smartvitals.smart.auth.launch.LaunchContext;
import io.smartvitals.smart.auth.launch.LaunchEvents;
import java.time.Clock;

/** Records each EHR launch context: which patient (and encounter) an app was about to be opened for. */
public class LaunchEvidence implements LaunchEvents {

	private final AuditTrail trail;
	private final Clock clock;

	public LaunchEvidence(AuditTrail trail, Clock clock) {
		this.trail = trail;
		this.clock = clock;
	}

	@Override
	public void created(LaunchContext context) {
		if (!trail.enabled()) {
			return;
		}
		SecurityEvent event = SecurityEvent.of(AuditAction.LAUNCH_CREATED, context.tenant()).patient(context.patient())
				.resource("Patient/" + context.patient()).success();
		if (context.encounter() != null) {
			event.resource("Encounter/" + context.encounter());
		}
		CurrentRequest.get().ifPresent(event::from);
		trail.record(event.at(clock.instant()).build());
	}
}
