package io.smartvitals.smart.auth.authorize;

import io.smartvitals.smart.model.scope.InvalidScopeException;
import io.smartvitals.smart.auth.client.ScopeCeiling;
import io.smartvitals.smart.auth.server.TenantIssuer;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * SMART App Launch's rules for an authorization request, in place of Spring Authorization Server's
 * defaults. The redirect URI must equal a registered one character for character (no loopback port
 * leniency); until it does, errors go to an error page, never to the URI. After that, errors
 * redirect: {@code aud} must be this tenant's FHIR base, every scope must lie within the client's
 * ceiling, and an EHR {@code launch} must be one this tenant issued and has not used.
 */
public class SmartAuthorizationRequestValidator implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

	private final LaunchAdmission launches;

	public SmartAuthorizationRequestValidator(LaunchAdmission launches) {
		this.launches = launches;
	}

	@Override
	public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		RegisteredClient client = context.getRegisteredClient();
		String redirectUri = request.getRedirectUri();
		if (redirectUri == null || !client.getRedirectUris().contains(redirectUri)) {
			throw new OAuth2AuthorizationCodeRequestAuthenticationException(
					new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, "redirect_uri is not registered for this client", null), null);
		}
		TenantIssuer tenant = TenantIssuer.current();
		Object aud = request.getAdditionalParameters().get("aud");
		if (!(aud instanceof String audience) || !stripSlash(audience).equals(tenant.fhirBase())) {
			throw redirected(OAuth2ErrorCodes.INVALID_REQUEST, "aud must be this server's FHIR base URL " + tenant.fhirBase(), request);
		}
		Set<String> scopes = request.getScopes();
		if (scopes.isEmpty()) {
			throw redirected(OAuth2ErrorCodes.INVALID_SCOPE, "scope is required", request);
		}
		try {
			Set<String> outside = new ScopeCeiling(client.getScopes()).outside(scopes);
			if (!outside.isEmpty()) {
				throw redirected(OAuth2ErrorCodes.INVALID_SCOPE, "not allowed for this client: " + String.join(" ", outside), request);
			}
		} catch (InvalidScopeException e) {
			throw redirected(OAuth2ErrorCodes.INVALID_SCOPE, e.getMessage(), request);
		}
		Object launch = request.getAdditionalParameters().get("launch");
		if (launch != null || scopes.contains("launch")) {
			if (!(launch instanceof String value) || !scopes.contains("launch")
					|| !launches.admits(tenant.tenant(), value, client.getClientId())) {
				throw redirected(OAuth2ErrorCodes.INVALID_REQUEST, "launch is unknown, expired or already used", request);
			}
		}
	}

	private static String stripSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	private static OAuth2AuthorizationCodeRequestAuthenticationException redirected(
			String code, String description, OAuth2AuthorizationCodeRequestAuthenticationToken request) {
		return new OAuth2AuthorizationCodeRequestAuthenticationException(new OAuth2Error(code, description, null), request);
	}
}
