package io.smartvitals.interceptors.access;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import io.smartvitals.interceptors.token.TokenVerdict;
import java.util.Map;

/**
 * The per-request security facts in {@link RequestDetails#getUserData()}, under the keys agreed
 * with the audit branch ({@code vitals.*}, all String values), plus the verified token itself for
 * the enforcement hooks of the same request.
 */
public final class RequestFacts {

	public static final String ACTOR = "vitals.actor";
	public static final String CLIENT = "vitals.client";
	public static final String SCOPES = "vitals.scopes";
	public static final String PATIENT = "vitals.patient";
	public static final String FHIR_USER = "vitals.fhirUser";
	public static final String DECISION = "vitals.decision";
	public static final String RULE = "vitals.rule";
	public static final String REQUEST_ID = "vitals.requestId";
	private static final String TOKEN = "vitals.token";

	private RequestFacts() {}

	static void recordToken(RequestDetails request, TokenVerdict.Valid token, String scopeText) {
		Map<Object, Object> data = request.getUserData();
		data.put(TOKEN, token);
		putIfPresent(data, ACTOR, token.subject());
		putIfPresent(data, CLIENT, token.clientId());
		putIfPresent(data, SCOPES, scopeText);
		putIfPresent(data, PATIENT, token.patient());
		putIfPresent(data, FHIR_USER, token.fhirUser());
		putIfPresent(data, REQUEST_ID, request.getRequestId());
	}

	/** The token verified for this request, or null (public endpoint, or enforcement off). */
	public static TokenVerdict.Valid token(RequestDetails request) {
		return request == null ? null : (TokenVerdict.Valid) request.getUserData().get(TOKEN);
	}

	public static void allow(RequestDetails request, String rule) {
		request.getUserData().put(DECISION, "allow");
		request.getUserData().put(RULE, rule);
	}

	public static void deny(RequestDetails request, String rule) {
		request.getUserData().put(DECISION, "deny");
		request.getUserData().put(RULE, rule);
		putIfPresent(request.getUserData(), REQUEST_ID, request.getRequestId());
	}

	private static void putIfPresent(Map<Object, Object> data, String key, String value) {
		if (value != null) {
			data.put(key, value);
		}
	}
}
