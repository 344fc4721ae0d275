package io.smartvitals.audit.record;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the record of a security or admin event (login, token, client, consent, key, tenant):
 * <pre>{@code
 * trail.record(SecurityEvent.of(AuditAction.TOKEN_ISSUED, tenant)
 *         .actor(Actor.client(clientId, owner)).onBehalfOf(userName)
 *         .patient(patientId).scopes(grantedScope).rule("authorization_code")
 *         .from(httpRequest)            // source address and request id
 *         .success().build());
 * }</pre>
 * Defaults: now, actor anonymous, outcome success.
 */
public final class SecurityEvent {

	private final AuditAction action;
	private final String tenant;
	private Instant time;
	private Actor actor = Actor.anonymous();
	private String onBehalfOf;
	private final List<String> resources = new ArrayList<>();
	private final List<String> patients = new ArrayList<>();
	private Outcome outcome = Outcome.SUCCESS;
	private Integer status;
	private String rule;
	private String scopes;
	private String sourceAddress;
	private String requestId;
	private String detail;

	private SecurityEvent(AuditAction action, String tenant) {
		this.action = action;
		this.tenant = tenant;
	}

	/** @param tenant the tenant id the event belongs to ({@link AuditRecord#SERVER_CHAIN} for none) */
	public static SecurityEvent of(AuditAction action, String tenant) {
		return new SecurityEvent(action, tenant);
	}

	public SecurityEvent at(Instant time) {
		this.time = time;
		return this;
	}

	public SecurityEvent actor(Actor actor) {
		this.actor = actor;
		return this;
	}

	public SecurityEvent onBehalfOf(String user) {
		this.onBehalfOf = user;
		return this;
	}

	/** A resource the event concerns, as a reference ({@code Consent/123}, {@code Client/my-app}). */
	public SecurityEvent resource(String reference) {
		resources.add(reference);
		return this;
	}

	/** A patient (bare id) whose data the event concerns, e.g. the patient of a launch or token. */
	public SecurityEvent patient(String patientId) {
		patients.add(patientId);
		return this;
	}

	public SecurityEvent scopes(String scopes) {
		this.scopes = scopes;
		return this;
	}

	public SecurityEvent rule(String rule) {
		this.rule = rule;
		return this;
	}

	public SecurityEvent detail(String detail) {
		this.detail = detail;
		return this;
	}

	public SecurityEvent source(String address) {
		this.sourceAddress = address;
		return this;
	}

	public SecurityEvent requestId(String requestId) {
		this.requestId = requestId;
		return this;
	}

	/** Source address and request id of the HTTP request that caused the event. */
	public SecurityEvent from(jakarta.servlet.http.HttpServletRequest request) {
		this.sourceAddress = request.getRemoteAddr();
		this.requestId = io.smartvitals.audit.http.RequestId.of(request);
		return this;
	}

	public SecurityEvent success() {
		this.outcome = Outcome.SUCCESS;
		return this;
	}

	/** Refused by a rule (wrong password, locked out, client not allowed): name the rule. */
	public SecurityEvent denied(String rule) {
		this.outcome = Outcome.DENIED;
		this.rule = rule;
		return this;
	}

	public SecurityEvent failed(String reason) {
		this.outcome = Outcome.FAILED;
		this.rule = reason;
		return this;
	}

	public SecurityEvent status(int httpStatus) {
		this.status = httpStatus;
		return this;
	}

	public AuditRecord build() {
		return new AuditRecord(time == null ? Clock.systemUTC().instant() : time, tenant, actor, onBehalfOf, action,
				resources, patients, outcome, status, rule, scopes, sourceAddress, requestId, detail);
	}
}
