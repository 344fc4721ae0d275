package io.smartvitals.audit.fhir;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What enforcement established about one FHIR request, as typed values: who calls (the verified
 * token's {@link Caller}), the {@link AccessDecision} with the rule that made it, how the request
 * was narrowed to what the token reaches, and the before/after of access-defining data a write
 * changed. The contract between the enforcement
 * hooks, which write it, and the audit record, which reads it; kept under one key of HAPI's
 * {@code RequestDetails.getUserData()}.
 */
public final class RequestSecurity {

	private static final String KEY = RequestSecurity.class.getName();

	/** The caller as its verified token names it; any part may be absent (a backend client has no user). */
	public record Caller(String subject, String client, String scopes, String patient, String fhirUser) {}

	/** Allowed or denied, always with the rule that decided. */
	public sealed interface AccessDecision {
		String rule();

		record Allowed(String rule) implements AccessDecision {}

		record Denied(String rule) implements AccessDecision {}
	}

	private Caller caller;
	private AccessDecision decision;
	private final List<String> accessChanges = new ArrayList<>();
	private final Set<String> narrowings = new LinkedHashSet<>();
	private boolean recorded;
	private boolean recordedWithChange;

	private RequestSecurity() {}

	/** This request's facts, created empty on first use. */
	public static RequestSecurity of(RequestDetails request) {
		Object existing = request.getUserData().get(KEY);
		if (existing instanceof RequestSecurity security) {
			return security;
		}
		RequestSecurity created = new RequestSecurity();
		request.getUserData().put(KEY, created);
		return created;
	}

	/** This request's facts if enforcement wrote any. */
	public static Optional<RequestSecurity> find(RequestDetails request) {
		return request == null ? Optional.empty()
				: Optional.ofNullable(request.getUserData().get(KEY)).filter(RequestSecurity.class::isInstance).map(RequestSecurity.class::cast);
	}

	public void caller(Caller caller) {
		this.caller = caller;
	}

	public Optional<Caller> caller() {
		return Optional.ofNullable(caller);
	}

	/** The last decision wins: a request allowed as a whole may still be refused for one of its parts. */
	public void decide(AccessDecision decision) {
		this.decision = decision;
	}

	public Optional<AccessDecision> decision() {
		return Optional.ofNullable(decision);
	}

	/** @param narrowing what the server added to the request, e.g. {@code compartment Patient/7} or {@code category=...|vital-signs} */
	public void narrowedTo(String narrowing) {
		narrowings.add(narrowing);
	}

	public List<String> narrowings() {
		return List.copyOf(narrowings);
	}

	/** @param change e.g. {@code PractitionerRole/7 before {...} after {...}} */
	public void accessChanged(String change) {
		accessChanges.add(change);
	}

	public List<String> accessChanges() {
		return List.copyOf(accessChanges);
	}

	/** Once the request's record is durable, so it is recorded once. */
	void markRecorded() {
		recorded = true;
	}

	boolean recorded() {
		return recorded;
	}

	/** Once a write's record committed with the write itself ({@link ChangeAuditInterceptor}). */
	void markRecordedWithChange() {
		recordedWithChange = true;
	}

	boolean recordedWithChange() {
		return recordedWithChange;
	}
}
