package io.smartvitals.interceptors.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import io.smartvitals.audit.http.LogContext;
import io.smartvitals.interceptors.token.AccessTokenVerifier;
import io.smartvitals.interceptors.token.RevokedAccessTokens;
import io.smartvitals.interceptors.token.RevokedPrincipals;
import io.smartvitals.interceptors.token.TokenVerdict;
import io.smartvitals.smart.model.endpoints.TenantEndpoints;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requires a valid bearer token of the URL's tenant on every FHIR request except the public
 * discovery endpoints ({@code metadata}, {@code .well-known/...}). Runs after the tenant check
 * (unknown 404, suspended 403) and before HAPI selects a handler, so nothing is parsed or read
 * for an unauthenticated caller. Failures are 401 with {@code WWW-Authenticate: Bearer
 * error="invalid_token"} (RFC 6750 section 3) and an OperationOutcome.
 */
@Interceptor
public class BearerTokenInterceptor {

	private static final Logger log = LoggerFactory.getLogger(BearerTokenInterceptor.class);
	private static final List<String> PUBLIC_PATHS = List.of("metadata", ".well-known/smart-configuration");

	private final AccessTokenVerifier verifier;
	private final RevokedAccessTokens revoked;
	private final RevokedPrincipals revokedPrincipals;

	public BearerTokenInterceptor(AccessTokenVerifier verifier, RevokedAccessTokens revoked, RevokedPrincipals revokedPrincipals) {
		this.verifier = verifier;
		this.revoked = revoked;
		this.revokedPrincipals = revokedPrincipals;
	}

	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLER_SELECTED, order = 100)
	public void authenticate(RequestDetails request) {
		if (isPublic(request)) {
			return;
		}
		String tenant = request.getTenantId();
		String audience = request.getFhirServerBase();
		// No issuer can match a FHIR base that is not this tenant's: the verifier then refuses every token.
		String issuer = TenantEndpoints.fromFhirBase(audience, tenant).map(TenantEndpoints::issuer).orElse("urn:smartvitals:no-issuer");
		TokenVerdict verdict = verifier.verify(bearer(request), tenant, issuer, audience);
		if (verdict instanceof TokenVerdict.Rejected rejected) {
			throw unauthorized(request, rejected.reason());
		}
		TokenVerdict.Valid token = (TokenVerdict.Valid) verdict;
		if (revoked.isRevoked(token.jwtId())) {
			throw unauthorized(request, "revoked");
		}
		String principalRevoked = revokedPrincipals.revocationOf(token);
		if (principalRevoked != null) {
			throw unauthorized(request, "revoked: " + principalRevoked);
		}
		RequestFacts.recordToken(request, token, scopeText(request, token));
		LogContext.client(token.clientId());
	}

	static boolean isPublic(RequestDetails request) {
		String path = request.getRequestPath();
		if (path == null) {
			return false;
		}
		// With URL-based tenants HAPI strips the tenant segment from the request path.
		String tenantPrefix = request.getTenantId() == null ? "" : request.getTenantId() + "/";
		String local = path.startsWith(tenantPrefix) ? path.substring(tenantPrefix.length()) : path;
		return PUBLIC_PATHS.contains(local) && "GET".equals(request.getRequestType().name());
	}

	private static String bearer(RequestDetails request) {
		List<String> headers = request.getHeaders(Constants.HEADER_AUTHORIZATION);
		if (headers == null || headers.size() != 1) {
			return null;
		}
		String value = headers.get(0);
		if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return null;
		}
		return value.substring(7).strip();
	}

	private static String scopeText(RequestDetails request, TokenVerdict.Valid token) {
		StringBuilder text = new StringBuilder();
		token.scopes().resourceScopes().forEach(s -> text.append(text.length() == 0 ? "" : " ").append(s.text()));
		token.scopes().otherScopes().forEach(s -> text.append(text.length() == 0 ? "" : " ").append(s));
		return text.toString();
	}

	private static AuthenticationException unauthorized(RequestDetails request, String reason) {
		log.debug("Refused bearer token at {}: {}", request.getTenantId(), reason);
		RequestFacts.deny(request, "invalid_token: " + reason);
		AuthenticationException e = new AuthenticationException("Invalid or missing bearer access token: " + reason);
		e.addResponseHeader("WWW-Authenticate",
				"Bearer error=\"invalid_token\", error_description=\"" + reason + "\"");
		return e;
	}
}
