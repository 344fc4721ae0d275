package io.smartvitals.audit.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import io.smartvitals.audit.AuditTrail;
import io.smartvitals.audit.record.Actor;
import io.smartvitals.audit.record.AuditRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;

/** Which commit each FHIR request's record asks for: only requests that change nothing may skip the flush. */
class FhirRequestAuditInterceptorTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	/** Notes which entry point each record came through. */
	private static final class NotingTrail implements AuditTrail {
		final List<String> calls = new ArrayList<>();

		@Override
		public void record(AuditRecord record) {
			calls.add("record " + record.action().code());
		}

		@Override
		public void recordRead(AuditRecord record) {
			calls.add("read " + record.action().code());
		}
	}

	private static SystemRequestDetails request(RestOperationTypeEnum operation, RequestTypeEnum method) {
		SystemRequestDetails request = new SystemRequestDetails();
		request.setTenantId("t1");
		request.setRestOperationType(operation);
		request.setRequestType(method);
		request.setResourceName("Observation");
		return request;
	}

	private static String answer(RestOperationTypeEnum operation, RequestTypeEnum method, int status) {
		NotingTrail trail = new NotingTrail();
		FhirRequestAuditInterceptor interceptor = new FhirRequestAuditInterceptor(trail, FHIR, t -> true, Clock.systemUTC());
		SystemRequestDetails request = request(operation, method);
		if (status < 400) {
			ResponseDetails response = new ResponseDetails();
			response.setResponseCode(status);
			interceptor.recordAnswer(request, response);
		} else {
			interceptor.recordError(request, new ForbiddenOperationException("no"));
		}
		assertThat(trail.calls).hasSize(1);
		return trail.calls.get(0).split(" ")[0];
	}

	/** Reads, searches, history and pages (allowed or refused) are reads; changes, Bundles and operations always durable. */
	@ParameterizedTest(name = "{0} {1} {2} -> {3}")
	@CsvSource({
		"READ, GET, 200, read",
		"VREAD, GET, 200, read",
		"SEARCH_TYPE, POST, 200, read",
		"HISTORY_INSTANCE, GET, 200, read",
		"GET_PAGE, GET, 200, read",
		"READ, GET, 403, read",
		"CREATE, POST, 403, record",
		"DELETE, DELETE, 403, record",
		"TRANSACTION, POST, 200, record",
		"BATCH, POST, 200, record",
		"EXTENDED_OPERATION_TYPE, GET, 202, record",
		"EXTENDED_OPERATION_INSTANCE, GET, 200, record",
	})
	void eachRequestGoesThroughTheEntryPointOfItsKind(RestOperationTypeEnum operation, RequestTypeEnum method, int status,
			String entryPoint) {
		assertThat(answer(operation, method, status)).isEqualTo(entryPoint);
	}

	/** A trail that tells which door a record came through. */
	private static final class DoorTrail implements AuditTrail {
		final List<String> doors = new ArrayList<>();

		@Override
		public void record(AuditRecord record) {
			doors.add("record");
		}

		@Override
		public void recordRead(AuditRecord record) {
			doors.add("read");
		}
	}

	private static ServletRequestDetails servletRequest(RestOperationTypeEnum operation, RequestTypeEnum method) {
		ServletRequestDetails request = new ServletRequestDetails();
		request.setServletRequest(new MockHttpServletRequest());
		request.setTenantId("t1");
		request.setRestOperationType(operation);
		request.setRequestType(method);
		request.setResourceName("Observation");
		return request;
	}

	private static ResponseDetails ok() {
		ResponseDetails response = new ResponseDetails();
		response.setResponseCode(200);
		return response;
	}

	@Test
	void aReadsRecordGoesThroughTheReadCommitAndAnOperationsThroughTheDurableOne() {
		DoorTrail trail = new DoorTrail();
		FhirRequestAuditInterceptor interceptor = new FhirRequestAuditInterceptor(trail, FHIR, t -> true, Clock.systemUTC());

		interceptor.recordAnswer(servletRequest(RestOperationTypeEnum.READ, RequestTypeEnum.GET), ok());
		interceptor.recordAnswer(servletRequest(RestOperationTypeEnum.EXTENDED_OPERATION_TYPE, RequestTypeEnum.GET), ok());

		assertThat(trail.doors).containsExactly("read", "record");
	}

	/** Keeps the records themselves. */
	private static final class KeepingTrail implements AuditTrail {
		final List<AuditRecord> records = new ArrayList<>();

		@Override
		public void record(AuditRecord record) {
			records.add(record);
		}

		@Override
		public void recordRead(AuditRecord record) {
			records.add(record);
		}
	}

	@Test
	void theRecordCarriesTheTypedCallerDecisionAndAccessChangesEnforcementLeft() {
		KeepingTrail trail = new KeepingTrail();
		FhirRequestAuditInterceptor interceptor = new FhirRequestAuditInterceptor(trail, FHIR, t -> true, Clock.systemUTC());
		ServletRequestDetails request = servletRequest(RestOperationTypeEnum.UPDATE, RequestTypeEnum.PUT);
		request.setRequestId("req-1");
		RequestSecurity security = RequestSecurity.of(request);
		security.caller(new RequestSecurity.Caller("dr.okafor", "vitals-app", "user/Observation.rs", null, "Practitioner/7"));
		security.decide(new RequestSecurity.AccessDecision.Allowed("user/Observation.rs"));
		security.decide(new RequestSecurity.AccessDecision.Denied("PractitionerRole is administration"));
		security.narrowedTo("compartment Patient/7");
		security.narrowedTo("compartment Patient/7");
		security.accessChanged("PractitionerRole/1 before {a} after {b}");
		security.accessChanged("PractitionerRole/2 before {c} after {d}");

		interceptor.recordError(request, new ForbiddenOperationException("no"));

		AuditRecord record = trail.records.get(0);
		assertThat(record.actor().id()).isEqualTo("vitals-app");
		assertThat(record.onBehalfOf()).isEqualTo("Practitioner/7");
		assertThat(record.rule()).as("the last decision is the one that held").isEqualTo("PractitionerRole is administration");
		assertThat(record.scopes()).isEqualTo("user/Observation.rs");
		assertThat(record.requestId()).isEqualTo("req-1");
		assertThat(record.detail()).startsWith("access-defining change: PractitionerRole/1 before {a} after {b}; PractitionerRole/2")
				.endsWith(" | narrowed to compartment Patient/7");
	}

	@Test
	void withoutEnforcementFactsTheCallerIsAnonymousAndTheRecordIsWrittenOnce() {
		KeepingTrail trail = new KeepingTrail();
		FhirRequestAuditInterceptor interceptor = new FhirRequestAuditInterceptor(trail, FHIR, t -> true, Clock.systemUTC());
		ServletRequestDetails request = servletRequest(RestOperationTypeEnum.READ, RequestTypeEnum.GET);
		assertThat(RequestSecurity.find(request)).isEmpty();

		interceptor.recordAnswer(request, ok());
		interceptor.recordAnswer(request, ok());

		assertThat(trail.records).hasSize(1);
		assertThat(trail.records.get(0).actor().id()).isEqualTo(Actor.ANONYMOUS);
		assertThat(trail.records.get(0).rule()).isNull();
	}
}
