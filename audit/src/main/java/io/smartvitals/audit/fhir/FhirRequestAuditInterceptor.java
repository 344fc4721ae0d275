package io.smartvitals.audit.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import io.smartvitals.audit.AuditTrail;
import io.smartvitals.audit.record.AuditRecord;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Records every FHIR request, allowed or denied, before HAPI writes its answer: successful answers
 * at {@code SERVER_OUTGOING_RESPONSE}, errors (401, 403, 404, 4xx, 5xx) at
 * {@code SERVER_HANDLE_EXCEPTION}. Both run on the request thread before the first byte is sent,
 * and the trail returns only after the commit; if recording fails, the request fails instead of
 * answering without evidence. Requests that change nothing (reads, searches, history, pages) go
 * through {@link AuditTrail#recordRead}, which the operator may let skip PostgreSQL's flush to
 * disk ({@code vitals.audit.read-commit=asynchronous}). A
 * successful create, update, patch or delete is not recorded again here: {@link
 * ChangeAuditInterceptor} committed its record with the change.
 */
@Interceptor
public class FhirRequestAuditInterceptor {

	/** Operations that only read; extended operations ($export, $everything) are kept with the writes. */
	private static final Set<RestOperationTypeEnum> READS = EnumSet.of(RestOperationTypeEnum.READ, RestOperationTypeEnum.VREAD,
			RestOperationTypeEnum.SEARCH_TYPE, RestOperationTypeEnum.SEARCH_SYSTEM, RestOperationTypeEnum.HISTORY_INSTANCE,
			RestOperationTypeEnum.HISTORY_TYPE, RestOperationTypeEnum.HISTORY_SYSTEM, RestOperationTypeEnum.GET_PAGE,
			RestOperationTypeEnum.METADATA);

	private final AuditTrail trail;
	private final FhirRequestRecord records;
	private final Clock clock;

	public FhirRequestAuditInterceptor(AuditTrail trail, FhirContext fhir, Predicate<String> knownTenant, Clock clock) {
		this.trail = trail;
		this.records = new FhirRequestRecord(fhir, knownTenant);
		this.clock = clock;
	}

	@Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
	public boolean recordAnswer(RequestDetails request, ResponseDetails response) {
		record(request, response.getResponseCode(), response.getResponseResource(), null);
		return true;
	}

	@Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
	public boolean recordError(RequestDetails request, BaseServerResponseException exception) {
		record(request, exception.getStatusCode(), null, exception.getMessage());
		return true;
	}

	/**
	 * A plain write that succeeded already has its record, committed in its own transaction. A
	 * transaction or batch Bundle is still recorded here as well: it may also have read resources.
	 */
	private static boolean recordedWithTheChange(RequestDetails request, int status) {
		RestOperationTypeEnum operation = request.getRestOperationType();
		return status < 400 && RequestSecurity.find(request).filter(RequestSecurity::recordedWithChange).isPresent()
				&& operation != RestOperationTypeEnum.TRANSACTION && operation != RestOperationTypeEnum.BATCH;
	}

	private void record(RequestDetails request, int status, org.hl7.fhir.instance.model.api.IBaseResource response, String error) {
		RequestSecurity security = RequestSecurity.of(request);
		if (security.recorded() || recordedWithTheChange(request, status)) {
			return;
		}
		// Marked first: if the record fails, the resulting 500 must not try (and fail) again.
		security.markRecorded();
		AuditRecord record = records.build(clock.instant(), request, status, response, error);
		if (onlyReads(request)) {
			trail.recordRead(record);
		} else {
			trail.record(record);
		}
	}

	/** A search by POST ({@code _search}) reads too. */
	static boolean onlyReads(RequestDetails request) {
		return READS.contains(request.getRestOperationType());
	}
}
