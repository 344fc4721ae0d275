package io.smartvitals.audit.http;

import io.smartvitals.audit.AuditTrail;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests the servlet container refuses before any filter of ours runs (an encoded slash, headers
 * over {@code server.max-http-request-header-size}, a malformed request line). Only the container's
 * access log sees them, after the refusal was sent; this turns what it saw into a refusal record
 * (rule {@value #RULE}) and a log line with the record's request id.
 *
 * <p>Unlike the guards' refusals ({@link RefusalEvidence}) the answer cannot wait for the record:
 * it has already gone. A crash in that moment loses the record of a request that was refused, never
 * one that was served.
 */
public class ConnectorRefusals {

	public static final String RULE = "http-connector";
	private static final Logger access = LoggerFactory.getLogger("io.smartvitals.access");
	private static final Logger log = LoggerFactory.getLogger(ConnectorRefusals.class);

	private final AuditTrail trail;
	private final Predicate<String> knownTenant;
	private final Clock clock;

	public ConnectorRefusals(AuditTrail trail, Predicate<String> knownTenant, Clock clock) {
		this.trail = trail;
		this.knownTenant = knownTenant;
		this.clock = clock;
	}

	/**
	 * Called for every answered request; records those that were refused and never reached our
	 * filters (they had no request id), the only ones nothing else recorded.
	 *
	 * @param assignedRequestId the id {@link RequestIdFilter} gave the request, null when it never ran
	 * @param presentedRequestId the client's {@code X-Request-Id}, if the container read the headers
	 * @return the refusal recorded, if it was one
	 */
	public Optional<RefusedRequest> answered(String method, String rawPath, int status, String sourceAddress,
			String assignedRequestId, String presentedRequestId) {
		if (status < 400 || assignedRequestId != null || !trail.enabled()) {
			return Optional.empty();
		}
		String path = rawPath == null ? "" : rawPath;
		RefusedRequest refused = new RefusedRequest(method == null ? "" : method, path, status, RULE, sourceAddress,
				RequestId.choose(presentedRequestId));
		access.info("request={} {} {} status={} refused by the HTTP connector", refused.requestId(), refused.method(),
				RefusedRequest.bounded(path), status);
		try {
			trail.record(refused.toAuditRecord(clock.instant(), knownTenant));
		} catch (RuntimeException e) {
			log.error("Request {} refused by the HTTP connector could not be recorded", refused.requestId(), e);
		}
		return Optional.of(refused);
	}
}
