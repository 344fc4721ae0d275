package io.smartvitals.audit.http;

import io.smartvitals.audit.AuditTrail;
import io.smartvitals.audit.AuditUnavailableException;
import io.smartvitals.audit.record.Actor;
import io.smartvitals.audit.record.AuditRecord;
import io.smartvitals.audit.record.Outcome;
import io.smartvitals.audit.store.AuditOutbox;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records every {@code /admin/**} call (tenant created, suspended, resumed; key rotated; audit
 * purged, exported, verified; retention changed; anything else as admin-request), allowed or
 * refused, before the first byte of its answer is sent. Runs in front of the operator-token check,
 * so refused attempts are recorded too. A call about an unknown tenant goes to the server chain.
 * Controllers may add a detail through the request attribute {@link #DETAIL}.
 *
 * <p>A call that can change something (POST, PUT, PATCH, DELETE) runs in one database transaction:
 * a success commits together with its record (inserted into the {@link AuditOutbox} in that
 * transaction), so no change is ever committed without its evidence; a refused or failed call is
 * rolled back and recorded on its own.
 */
public class AdminAuditFilter extends OncePerRequestFilter {

	/** Request attribute a controller sets to say what the call changed (e.g. "purged 12 records"). */
	public static final String DETAIL = "vitals.audit.detail";
	private static final Set<String> CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

	private final AuditTrail trail;
	private final AuditOutbox outbox;
	private final PlatformTransactionManager transactions;
	private final Predicate<String> knownTenant;
	private final Clock clock;

	public AdminAuditFilter(AuditTrail trail, AuditOutbox outbox, PlatformTransactionManager transactions,
			Predicate<String> knownTenant, Clock clock) {
		this.trail = trail;
		this.outbox = outbox;
		this.transactions = transactions;
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
		if (!CHANGING.contains(request.getMethod())) {
			RecordBeforeCommitResponse recording = new RecordBeforeCommitResponse(response, r -> trail.record(recordOf(request, r)));
			chain.doFilter(request, recording);
			recording.finish();
			return;
		}
		TransactionStatus transaction = transactions.getTransaction(TransactionDefinition.withDefaults());
		try {
			RecordBeforeCommitResponse recording =
					new RecordBeforeCommitResponse(response, r -> commitWithRecord(transaction, recordOf(request, r)));
			chain.doFilter(request, recording);
			recording.finish();
		} finally {
			if (!transaction.isCompleted()) {
				transactions.rollback(transaction);
			}
		}
	}

	private void commitWithRecord(TransactionStatus transaction, AuditRecord record) {
		if (record.outcome() != Outcome.SUCCESS) {
			transactions.rollback(transaction);
			trail.record(record);
			return;
		}
		try {
			outbox.addInCurrentTransaction(record);
		} catch (SQLException e) {
			// The finally of the filter rolls the change back.
			throw new AuditUnavailableException("The audit record of this admin change could not be stored", e);
		}
		transactions.commit(transaction);
	}

	private AuditRecord recordOf(HttpServletRequest request, HttpServletResponse response) {
		int status = response.getStatus();
		String path = request.getRequestURI().substring(request.getContextPath().length());
		AdminAction admin = AdminAction.classify(request.getMethod(), path, status, response.getHeader("Location"));
		boolean known = admin.tenant() != null && knownTenant.test(admin.tenant());
		Outcome outcome = Outcome.ofHttpStatus(status);
		Object detail = request.getAttribute(DETAIL);
		String text = (known || admin.tenant() == null ? "" : "tenant " + admin.tenant() + ": ")
				+ request.getMethod() + " " + path + (detail == null ? "" : " (" + detail + ")");
		return new AuditRecord(clock.instant(), known ? admin.tenant() : AuditRecord.SERVER_CHAIN,
				outcome == Outcome.DENIED ? Actor.anonymous() : Actor.operator(), null, admin.action(),
				known ? List.of("Tenant/" + admin.tenant()) : List.of(), List.of(), outcome, status,
				outcome == Outcome.DENIED ? "operator-token" : null, null, request.getRemoteAddr(),
				RequestId.of(request), text);
	}
}
