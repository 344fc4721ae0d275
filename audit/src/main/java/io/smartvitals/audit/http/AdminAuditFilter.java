package io.smartvitals.audit.http;

import io.smartvitals.audit.AuditTrail;
import io.smartvitals.audit.record.Actor;
import io.smartvitals.audit.record.AuditRecord;
import io.smartvitals.audit.record.Outcome;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records every {@code /admin/**} call (tenant created, suspended, resumed; key rotated; audit
 * purged, exported, verified; retention changed; anything else as admin-request), allowed or
 * refused, before the first byte of its answer is sent. Runs in front of the operator-token check,
 * so refused attempts are recorded too. A call about an unknown tenant goes to the server chain.
 * Controllers may add a detail through the request attribute {@link #DETAIL}.
 */
public class AdminAuditFilter extends OncePerRequestFilter {

	/** Request attribute a controller sets to say what the call changed (e.g. "purged 12 records"). */
	public static final String DETAIL = "vitals.audit.detail";
	private final AuditTrail trail;
	private final Predicate<String> knownTenant;
	private final Clock clock;

	public AdminAuditFilter(AuditTrail trail, Predicate<String> knownTenant, Clock clock) {
		this.trail = trail;
		this.knownTenant = knownTenant;
		this.clock = clock;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!trail.enabled()) {
			chain.doFilter(request, response);
			return;
		}
		RecordBeforeCommitResponse recording = new RecordBeforeCommitResponse(response, r -> record(request, r));
		chain.doFilter(request, recording);
		recording.finish();
	}

	private void record(HttpServletRequest request, HttpServletResponse response) {
		int status = response.getStatus();
		String path = request.getRequestURI().substring(request.getContextPath().length());
		AdminAction admin = AdminAction.classify(request.getMethod(), path, status, response.getHeader("Location"));
		boolean known = admin.tenant() != null && knownTenant.test(admin.tenant());
		Outcome outcome = Outcome.ofHttpStatus(status);
		Object detail = request.getAttribute(DETAIL);
		String text = (known || admin.tenant() == null ? "" : "tenant " + admin.tenant() + ": ")
				+ request.getMethod() + " " + path + (detail == null ? "" : " (" + detail + ")");
		trail.record(new AuditRecord(clock.instant(), known ? admin.tenant() : AuditRecord.SERVER_CHAIN,
				outcome == Outcome.DENIED ? Actor.anonymous() : Actor.operator(), null, admin.action(),
				known ? List.of("Tenant/" + admin.tenant()) : List.of(), List.of(), outcome, status,
				outcome == Outcome.DENIED ? "operator-token" : null, null, request.getRemoteAddr(),
				RequestId.of(request), text));
	}
}
