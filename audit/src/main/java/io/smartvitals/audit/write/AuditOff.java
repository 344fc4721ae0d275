package io.smartvitals.audit.write;

import io.smartvitals.audit.AuditTrail;
import io.smartvitals.audit.record.AuditRecord;

/**
 * The trail when {@code vitals.audit.enabled=false} (benchmark baselines only; the server refuses
 * it without an explicit acknowledgement and records the switch-off itself at start).
 */
public final class AuditOff implements AuditTrail {

	@Override
	public void record(AuditRecord record) {
		// Kept nowhere, by the operator's choice.
	}

	@Override
	public boolean enabled() {
		return false;
	}
}
