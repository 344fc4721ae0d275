package io.smartvitals.audit.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import io.smartvitals.audit.http.RequestId;
import io.smartvitals.audit.record.Actor;
import io.smartvitals.audit.record.AuditAction;
import io.smartvitals.audit.record.AuditRecord;
import io.smartvitals.audit.record.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;

/**
 * Turns one answered FHIR request into its audit record: the enforcement facts from userData when
 * present (actor, client, scopes, patient, rule), else what the request itself shows; resources and
 * patients from the response (search results, the read or written resource) and from the request
 * (its id, its patient/subject parameters), so a refused request still names what it reached for.
 */
final class FhirRequestRecord {

	private final PatientsTouched patientsTouched;
	private final Predicate<String> knownTenant;

	FhirRequestRecord(FhirContext fhir, Predicate<String> knownTenant) {
		this.patientsTouched = new PatientsTouched(fhir);
		this.knownTenant = knownTenant;
	}

	AuditRecord build(Instant time, RequestDetails request, int status, IBaseResource response, String error) {
		return build(time, request, status, returnedResources(response), response, error);
	}

	/**
	 * The record of a write, made inside its transaction before the answer exists: the resources
	 * written stand for the answer, with the status a success will carry.
	 */
	AuditRecord change(Instant time, RequestDetails request, List<IBaseResource> written) {
		int status = request.getRestOperationType() == RestOperationTypeEnum.CREATE ? 201 : 200;
		return build(time, request, status, written, null, null);
	}

	private AuditRecord build(Instant time, RequestDetails request, int status, List<IBaseResource> returned,
			IBaseResource response, String error) {
		Optional<RequestSecurity> security = RequestSecurity.find(request);
		RequestSecurity.Caller caller = security.flatMap(RequestSecurity::caller)
				.orElse(new RequestSecurity.Caller(null, null, null, null, null));
		String tenant = request.getTenantId();
		boolean known = tenant != null && knownTenant.test(tenant);

		String subject = text(caller.subject());
		String client = text(caller.client());
		String fhirUser = text(caller.fhirUser());
		Actor actor;
		String onBehalfOf = null;
		if (client != null && subject != null && !subject.equals(client)) {
			// A SMART app acting for a signed-in user: the client acts, the user is who it acts for.
			actor = Actor.client(client, null);
			onBehalfOf = fhirUser != null ? fhirUser : subject;
		} else if (client != null) {
			actor = Actor.client(client, null);
		} else if (subject != null) {
			actor = Actor.user(fhirUser != null ? fhirUser : subject);
		} else {
			actor = Actor.anonymous();
		}

		Set<String> resources = new LinkedHashSet<>();
		IIdType requested = request.getId();
		if (requested != null && requested.hasIdPart()) {
			resources.add(request.getResourceName() + "/" + requested.getIdPart());
		}
		for (IBaseResource resource : returned) {
			IIdType id = resource.getIdElement();
			if (id != null && id.hasIdPart() && !"OperationOutcome".equals(resource.fhirType())) {
				resources.add(resource.fhirType() + "/" + id.getIdPart());
			}
		}
		if (response instanceof Bundle bundle) {
			for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
				if (entry.hasResponse() && entry.getResponse().hasLocation()) {
					IdType location = new IdType(entry.getResponse().getLocation());
					if (location.hasResourceType() && location.hasIdPart()) {
						resources.add(location.getResourceType() + "/" + location.getIdPart());
					}
				}
			}
		}

		Set<String> patients = new LinkedHashSet<>();
		String launchPatient = text(caller.patient());
		patients.addAll(patientsTouched.of(returned));
		if ("Patient".equals(request.getResourceName()) && requested != null && requested.hasIdPart()) {
			patients.add(requested.getIdPart());
		}
		patients.addAll(patientParameters(request));
		if (launchPatient != null && patients.isEmpty() && status >= 400) {
			// A refused request in a patient context: say whose context it was.
			patients.add(launchPatient);
		}

		String rule = security.flatMap(RequestSecurity::decision).map(RequestSecurity.AccessDecision::rule).map(FhirRequestRecord::text)
				.orElse(null);
		if (rule == null && error != null) {
			rule = error;
		}
		// HAPI's id once enforcement has seen the request (it is the one in the enforcement log lines), else the servlet's.
		String requestId = security.map(s -> text(request.getRequestId())).orElse(null);
		String source = null;
		if (request instanceof ServletRequestDetails servlet && servlet.getServletRequest() != null) {
			source = servlet.getServletRequest().getRemoteAddr();
			if (requestId == null) {
				requestId = RequestId.of(servlet.getServletRequest());
			}
		}
		String operation = request.getRestOperationType() == null
				? "http-" + request.getRequestType().name().toLowerCase(Locale.ROOT)
				: request.getRestOperationType().getCode();
		String detail = request.getRequestPath() + query(request);
		if (!known && tenant != null) {
			detail = "unknown tenant " + tenant + ": " + detail;
		}
		List<String> narrowings = security.map(RequestSecurity::narrowings).orElse(List.of());
		if (!narrowings.isEmpty()) {
			detail = detail + " | narrowed to " + String.join(", ", narrowings);
		}
		List<String> changes = security.map(RequestSecurity::accessChanges).orElse(List.of());
		if (!changes.isEmpty()) {
			String accessChanges = String.join("; ", changes);
			// First, so the clip to the column keeps the evidence rather than a long query.
			detail = "access-defining change: " + accessChanges + " | " + detail;
		}
		return new AuditRecord(time, known ? tenant : AuditRecord.SERVER_CHAIN, actor, onBehalfOf,
				consentChange(operation, request.getResourceName(), returned, status).orElse(AuditAction.rest(operation)),
				new ArrayList<>(resources), new ArrayList<>(patients),
				Outcome.ofHttpStatus(status), status, rule, text(caller.scopes()), source, requestId, detail);
	}

	/**
	 * A patient's privacy Consent written through the API is a security event of its own: created,
	 * or revoked (deleted, or updated to a status that no longer applies).
	 */
	static java.util.Optional<AuditAction> consentChange(String operation, String resourceType, List<IBaseResource> returned, int status) {
		if (!"Consent".equals(resourceType) || status >= 400) {
			return java.util.Optional.empty();
		}
		if ("create".equals(operation)) {
			return java.util.Optional.of(AuditAction.CONSENT_CREATED);
		}
		if ("delete".equals(operation)) {
			return java.util.Optional.of(AuditAction.CONSENT_REVOKED);
		}
		if ("update".equals(operation) || "patch".equals(operation)) {
			boolean stillActive = returned.stream().filter(r -> r instanceof org.hl7.fhir.r4.model.Consent)
					.map(r -> ((org.hl7.fhir.r4.model.Consent) r).getStatus())
					.anyMatch(s -> s == org.hl7.fhir.r4.model.Consent.ConsentState.ACTIVE
							|| s == org.hl7.fhir.r4.model.Consent.ConsentState.DRAFT
							|| s == org.hl7.fhir.r4.model.Consent.ConsentState.PROPOSED);
			return java.util.Optional.of(stillActive ? AuditAction.CONSENT_CREATED : AuditAction.CONSENT_REVOKED);
		}
		return java.util.Optional.empty();
	}

	private static List<IBaseResource> returnedResources(IBaseResource response) {
		if (response instanceof Bundle bundle) {
			List<IBaseResource> resources = new ArrayList<>(bundle.getEntry().size());
			for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
				if (entry.getResource() != null) {
					resources.add(entry.getResource());
				}
			}
			return resources;
		}
		return response == null ? List.of() : List.of(response);
	}

	/** {@code patient=}/{@code subject=} search parameters that name a patient. */
	private static Set<String> patientParameters(RequestDetails request) {
		Set<String> patients = new LinkedHashSet<>();
		Map<String, String[]> parameters = request.getParameters();
		if (parameters == null) {
			return patients;
		}
		for (String name : List.of("patient", "subject", "subject:Patient")) {
			String[] values = parameters.get(name);
			if (values == null) {
				continue;
			}
			for (String value : values) {
				for (String one : value.split(",")) {
					IdType id = new IdType(one.strip());
					if (id.hasIdPart() && (!id.hasResourceType() || "Patient".equals(id.getResourceType()))
							&& ("patient".equals(name) || id.hasResourceType() || name.endsWith(":Patient"))) {
						patients.add(id.getIdPart());
					}
				}
			}
		}
		return patients;
	}

	private static String query(RequestDetails request) {
		if (request instanceof ServletRequestDetails servlet && servlet.getServletRequest() != null) {
			String query = servlet.getServletRequest().getQueryString();
			return query == null ? "" : "?" + query;
		}
		return "";
	}

	private static String text(String value) {
		return value != null && !value.isBlank() ? value : null;
	}
}
