package io.smartvitals.audit.fhir;

/**
 * Keys of the per-request security facts the enforcement interceptors leave in HAPI's
 * {@code RequestDetails.getUserData()} (the contract between enforcement and audit).
 */
public final class RequestFacts {

	public static final String ACTOR = "vitals.actor";
	public static final String CLIENT = "vitals.client";
	public static final String CLIENT_OWNER = "vitals.clientOwner";
	public static final String SCOPES = "vitals.scopes";
	public static final String PATIENT = "vitals.patient";
	public static final String FHIR_USER = "vitals.fhirUser";
	public static final String DECISION = "vitals.decision";
	public static final String RULE = "vitals.rule";
	public static final String REQUEST_ID = "vitals.requestId";
	/** Before and after of the access-defining data a write changed (organization tree, roles, consents), for its record. */
	public static final String ACCESS_CHANGES = "vitals.accessChanges";
	/** Set by the audit hook once the request's record is durable, so it is recorded once. */
	static final String RECORDED = "vitals.audit.recorded";
	/** Set once a write's record committed with the write itself ({@link ChangeAuditInterceptor}). */
	static final String CHANGE_RECORDED = "vitals.audit.changeRecorded";

	private RequestFacts() {}
}
