package io.smartvitals.audit.http;

import io.smartvitals.audit.AuditTrail;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the guards in front of HAPI call before they answer a refusal, so the refusal is on the
 * audit trail like any FHIR request. The guard refuses either way; when the record could not be
 * made durable it answers 503 instead of its own status, so no answer claims evidence that is missing.
 */
public class RefusalEvidence {

	private static final Logger log = LoggerFactory.getLogger(RefusalEvidence.class);
	private final AuditTrail trail;
	private final Predicate<String> knownTenant;
	private final Clock clock;

	public RefusalEvidence(AuditTrail trail, Predicate<String> knownTenant, Clock clock) {
		this.trail = trail;
		this.knownTenant = knownTenant;
		this.clock = clock;
	}

	/**
	 * Records the refusal (nothing when audit is off).
	 *
	 * @return false when the record failed: the caller must then answer 503, still without passing the request on
	 */
	public boolean record(HttpServletRequest request, int status, String rule) {
		return stored(RefusedRequest.of(request, status, rule), "; answering 503");
	}

	/**
	 * Records a refusal whose answer was already sent by someone else (the servlet container), so
	 * there is no answer left to change: a record that fails is logged.
	 */
	public void recordSent(RefusedRequest refused) {
		stored(refused, "");
	}

	/** Whether the refusal is on the trail (true when audit is off); a failure is logged with what the caller does about it. */
	private boolean stored(RefusedRequest refused, String consequence) {
		if (!trail.enabled()) {
			return true;
		}
		try {
			trail.record(refused.toAuditRecord(clock.instant(), knownTenant));
			return true;
		} catch (RuntimeException e) {
			log.error("Refused request {} ({}) could not be recorded{}", refused.requestId(), refused.rule(), consequence, e);
			return false;
		}
	}
}
