package io.smartvitals.audit.http;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A request's id: the client's {@code X-Request-Id} when it is a sane token, else a fresh UUID.
 * It is echoed in the response header, written in the server log line and kept in the audit record.
 */
public final class RequestId {

	public static final String HEADER = "X-Request-Id";
	/** Request attribute (and SLF4J MDC key) holding the id. */
	public static final String ATTRIBUTE = "vitals.requestId";
	private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

	private RequestId() {}

	/** The client's id if acceptable (no spaces, no control characters, at most 128), else a new one. */
	public static String choose(String presented) {
		return presented != null && ACCEPTED.matcher(presented).matches() ? presented : UUID.randomUUID().toString();
	}

	/** The id the filter gave this request, or null outside a filtered request. */
	public static String of(HttpServletRequest request) {
		Object id = request.getAttribute(ATTRIBUTE);
		return id instanceof String s ? s : null;
	}
}
