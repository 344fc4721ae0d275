package io.smartvitals.audit.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import io.smartvitals.audit.store.AuditOutbox;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * HAPI storage hooks that put the audit record of a client's write into the write's own database
 * transaction (through the {@link AuditOutbox}): the resources a transaction creates, updates or
 * deletes are named in one record inserted just before it commits, so the change and its evidence
 * commit together or not at all. Writes HAPI makes for itself (no client request) are not client
 * actions and are not recorded here.
 */
@Interceptor
public class ChangeAuditInterceptor {

	private final AuditOutbox outbox;
	private final FhirRequestRecord records;
	private final Clock clock;

	public ChangeAuditInterceptor(AuditOutbox outbox, FhirContext fhir, Predicate<String> knownTenant, Clock clock) {
		this.outbox = outbox;
		this.records = new FhirRequestRecord(fhir, knownTenant);
		this.clock = clock;
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void created(IBaseResource resource, RequestDetails request) {
		changed(request, resource);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource current, RequestDetails request) {
		changed(request, current);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
	public void deleted(IBaseResource resource, RequestDetails request) {
		changed(request, resource);
	}

	private void changed(RequestDetails request, IBaseResource resource) {
		if (!(request instanceof ServletRequestDetails)) {
			return;
		}
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			// Refuse the write rather than commit it without its evidence.
			throw new IllegalStateException("A client write outside a transaction cannot carry its audit record");
		}
		ChangeEvidence evidence = (ChangeEvidence) TransactionSynchronizationManager.getResource(this);
		if (evidence == null) {
			evidence = new ChangeEvidence(request);
			TransactionSynchronizationManager.bindResource(this, evidence);
			TransactionSynchronizationManager.registerSynchronization(evidence);
		}
		evidence.written.add(resource);
	}

	/** One transaction's writes; inserts their record before the commit. */
	private final class ChangeEvidence implements TransactionSynchronization {

		private final RequestDetails request;
		private final List<IBaseResource> written = new ArrayList<>();

		ChangeEvidence(RequestDetails request) {
			this.request = request;
		}

		@Override
		public void beforeCommit(boolean readOnly) {
			try {
				outbox.addInCurrentTransaction(records.change(clock.instant(), request, written));
			} catch (SQLException e) {
				// Thrown from beforeCommit, this rolls the write back: no change without its record.
				throw new IllegalStateException("The audit record of this write could not be stored", e);
			}
		}

		@Override
		public void afterCommit() {
			RequestSecurity.of(request).markRecordedWithChange();
		}

		@Override
		public void suspend() {
			TransactionSynchronizationManager.unbindResource(ChangeAuditInterceptor.this);
		}

		@Override
		public void resume() {
			TransactionSynchronizationManager.bindResource(ChangeAuditInterceptor.this, this);
		}

		@Override
		public void afterCompletion(int status) {
			TransactionSynchronizationManager.unbindResourceIfPossible(ChangeAuditInterceptor.this);
		}
	}
}
