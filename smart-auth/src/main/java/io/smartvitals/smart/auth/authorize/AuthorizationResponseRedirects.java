package io.smartvitals.smart.auth.authorize;

import io.smartvitals.smart.auth.pages.AuthorizationErrorPage;
import io.smartvitals.smart.auth.server.TenantIssuer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Sends the authorization response back to the app: {@code code} or {@code error}, {@code state}
 * byte for byte, and {@code iss} (RFC 9207) so the app can tell which tenant answered. A redirect
 * goes only to a URI registered, exactly, for the requesting client of this tenant: an error for
 * any other URI (a backend client has none) renders {@link AuthorizationErrorPage} instead, so
 * {@code /authorize} is never an open redirect.
 */
public class AuthorizationResponseRedirects implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

	private final RegisteredClientRepository clients;

	public AuthorizationResponseRedirects(RegisteredClientRepository clients) {
		this.clients = clients;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
			throws IOException {
		OAuth2AuthorizationCodeRequestAuthenticationToken result = (OAuth2AuthorizationCodeRequestAuthenticationToken) authentication;
		if (!registered(result.getClientId(), result.getRedirectUri())) {
			AuthorizationErrorPage.render(response, "invalid_request", "The redirect URI is not registered for this app");
			return;
		}
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(result.getRedirectUri())
				.queryParam("code", encode(result.getAuthorizationCode().getTokenValue()));
		redirect(request, response, uri, result.getState());
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		OAuth2Error error = ((OAuth2AuthenticationException) exception).getError();
		OAuth2AuthorizationCodeRequestAuthenticationToken failed =
				exception instanceof OAuth2AuthorizationCodeRequestAuthenticationException e ? e.getAuthorizationCodeRequestAuthentication() : null;
		if (failed == null || !registered(failed.getClientId(), failed.getRedirectUri())) {
			AuthorizationErrorPage.render(response, error.getErrorCode(), error.getDescription());
			return;
		}
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(failed.getRedirectUri())
				.queryParam("error", encode(error.getErrorCode()));
		if (error.getDescription() != null) {
			uri.queryParam("error_description", encode(error.getDescription()));
		}
		redirect(request, response, uri, failed.getState());
	}

	private boolean registered(String clientId, String redirectUri) {
		if (clientId == null || redirectUri == null || redirectUri.isBlank()) {
			return false;
		}
		RegisteredClient client = clients.findByClientId(clientId);
		return client != null && client.getRedirectUris().contains(redirectUri);
	}

	private static void redirect(HttpServletRequest request, HttpServletResponse response, UriComponentsBuilder uri, String state)
			throws IOException {
		if (state != null && !state.isEmpty()) {
			uri.queryParam("state", encode(state));
		}
		uri.queryParam("iss", encode(TenantIssuer.current().issuer()));
		response.setHeader("Cache-Control", "no-store");
		response.setStatus(HttpServletResponse.SC_FOUND);
		response.setHeader("Location", uri.build(true).toUriString());
	}

	private static String encode(String value) {
		return UriUtils.encode(value, java.nio.charset.StandardCharsets.UTF_8);
	}
}
