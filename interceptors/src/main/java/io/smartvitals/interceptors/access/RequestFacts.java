package io.smartvitals.interceptors.access;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import io.smartvitals.audit.fhir.RequestSecurity;
import io.smartvitals.interceptors.token.TokenVerdict;

/**
 * The enforcement hooks' side of {@link RequestSecurity}: the verified token (for the later hooks
 * of the same request) and the caller and decision the audit record reads, as typed values.
 */
public final class RequestFacts {

	private static final String TOKEN = "vitals.token";

	private RequestFacts() {}

	static void recordToken(RequestDetails request, TokenVerdict.Valid token, String scopeText) {
		request.getUserData().put(TOKEN, token);
		RequestSecurity.of(request).caller(
				new RequestSecurity.Caller(token.subject(), token.clientId(), scopeText, token.patient(), token.fhirUser()));
	}

	/** The token verified for this request, or null (public endpoint, or enforcement off). */
	public static TokenVerdict.Valid token(RequestDetails request) {
		return request == null ? null : (TokenVerdict.Valid) request.getUserData().get(TOKEN);
	}

	/** The granted scopes as the token's text, or null when no token was verified. */
	public static String scopes(RequestDetails request) {
		return RequestSecurity.find(request).flatMap(RequestSecurity::caller).map(RequestSecurity.Caller::scopes).orElse(null);
	}

	public static void allow(RequestDetails request, String rule) {
		RequestSecurity.of(request).decide(new RequestSecurity.AccessDecision.Allowed(rule));
	}

	public static void deny(RequestDetails request, String rule) {
		RequestSecurity.of(request).decide(new RequestSecurity.AccessDecision.Denied(rule));
	}
}
