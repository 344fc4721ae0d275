package io.smartvitals.audit.write;

import io.smartvitals.audit.AuditTrail;
import io.smartvitals.audit.chain.ChainedRecord;
import io.smartvitals.audit.record.AuditRecord;

/**
 * The trail when {@code vitals.audit.enabled=false} (benchmark baselines only; the server refuses
 * it without an explicit acknowledgement and records the switch-off itself at start).
 */
public final class AuditOff implements AuditTrail {

	@Override
	public ChainedRecord record(AuditRecord record) {
		return null;
	}

	@Override
	public boolean enabled() {
		return false;
	}
}
