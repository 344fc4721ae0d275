package io.smartvitals.audit.http;

import java.util.Optional;
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
	private static final Logger access = LoggerFactory.getLogger(RequestIdFilter.ACCESS_LOG);

	private final RefusalEvidence evidence;

	public ConnectorRefusals(RefusalEvidence evidence) {
		this.evidence = evidence;
	}

	/**
	 * Whether an answer is a refusal nothing else recorded: 400 or more, and no request id from
	 * {@link RequestIdFilter}. Cheap, so the container's hook asks it before it reads the request.
	 */
	public static boolean unrecorded(int status, String assignedRequestId) {
		return status >= 400 && assignedRequestId == null;
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
		if (!unrecorded(status, assignedRequestId)) {
			return Optional.empty();
		}
		String path = rawPath == null ? "" : rawPath;
		RefusedRequest refused = new RefusedRequest(method == null ? "" : method, path, status, RULE, sourceAddress,
				RequestId.choose(presentedRequestId));
		access.info("request={} {} {} status={} refused by the HTTP connector", refused.requestId(), refused.method(),
				RefusedRequest.bounded(path), status);
		evidence.recordSent(refused);
		return Optional.of(refused);
	}
}
