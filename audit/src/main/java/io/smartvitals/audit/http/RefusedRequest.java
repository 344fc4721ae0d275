package io.smartvitals.audit.http;

import io.smartvitals.audit.record.Actor;
import io.smartvitals.audit.record.AuditAction;
import io.smartvitals.audit.record.AuditRecord;
import io.smartvitals.audit.record.Outcome;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request refused in front of HAPI (firewall, body limit, path guard, inactive tenant at
 * {@code /auth}) and the audit record it leaves. No token was verified, so the actor is anonymous;
 * the chain is the tenant the path names when it exists, else the server chain.
 *
 * @param path the raw request path as sent (without context path and query)
 * @param rule the layer that refused, e.g. {@code http-firewall}
 */
public record RefusedRequest(String method, String path, int status, String rule, String sourceAddress, String requestId) {

	/** Method and path are the attacker's text: a refusal must not become a way to fill the audit table. */
	static final int MAX_DETAIL = 512;
	private static final Pattern TENANT_PATH = Pattern.compile("^/(?:fhir|auth)/([^/;?#]+)");
	private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\p{Cf}\\p{Zl}\\p{Zp}]");

	/**
	 * The query is left out on purpose: a refused search can carry names and birth dates, and the
	 * server chain is readable by operators of every tenant.
	 */
	public static RefusedRequest of(HttpServletRequest request, int status, String rule) {
		String uri = request.getRequestURI() == null ? "" : request.getRequestURI();
		String context = request.getContextPath() == null ? "" : request.getContextPath();
		String path = uri.startsWith(context) ? uri.substring(context.length()) : uri;
		return new RefusedRequest(request.getMethod(), path, status, rule, request.getRemoteAddr(), RequestId.of(request));
	}

	/** The tenant segment of {@code /fhir/{tenant}/...} or {@code /auth/{tenant}/...}, as claimed (path parameters cut off). */
	public Optional<String> claimedTenant() {
		Matcher m = TENANT_PATH.matcher(path == null ? "" : path);
		return m.find() ? Optional.of(m.group(1)) : Optional.empty();
	}

	public AuditRecord toAuditRecord(Instant time, Predicate<String> knownTenant) {
		Optional<String> claimed = claimedTenant();
		boolean known = claimed.isPresent() && knownTenant.test(claimed.get());
		String request = method + " " + path;
		String detail = known || claimed.isEmpty() ? request : "tenant " + claimed.get() + ": " + request;
		return new AuditRecord(time, known ? claimed.get() : AuditRecord.SERVER_CHAIN, Actor.anonymous(), null,
				AuditAction.REQUEST_REFUSED, List.of(), List.of(), Outcome.ofHttpStatus(status), status, rule, null,
				sourceAddress, requestId, bounded(detail));
	}

	/** Control and invisible formatting characters out (they could forge lines in exports and logs), then cut. */
	static String bounded(String text) {
		String clean = CONTROL.matcher(text).replaceAll("");
		return clean.length() <= MAX_DETAIL ? clean : clean.substring(0, MAX_DETAIL);
	}
}
