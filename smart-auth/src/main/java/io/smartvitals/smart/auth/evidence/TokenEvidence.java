package io.smartvitals.smart.auth.evidence;

import com.nimbusds.jwt.JWTParser;
import io.smartvitals.audit.AuditTrail;
import io.smartvitals.audit.record.Actor;
import io.smartvitals.audit.record.AuditAction;
import io.smartvitals.audit.record.SecurityEvent;
import io.smartvitals.smart.auth.server.TenantIssuer;
import jakarta.servlet.http.HttpServletRequest;
import java.text.ParseException;
import java.time.Clock;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Records what the token, introspection and revocation endpoints decided, by decorating Spring
 * Authorization Server's providers: the record is written before the response, and a trail that
 * cannot write fails the request rather than hand out an unrecorded token.
 */
public class TokenEvidence {

	private final AuditTrail trail;
	private final Clock clock;

	public TokenEvidence(AuditTrail trail, Clock clock) {
		this.trail = trail;
		this.clock = clock;
	}

	/** The provider, recording each request it handles (success, or the OAuth error it raised). */
	public AuthenticationProvider recording(AuthenticationProvider delegate) {
		return new AuthenticationProvider() {
			@Override
			public Authentication authenticate(Authentication request) throws AuthenticationException {
				Authentication result;
				try {
					result = delegate.authenticate(request);
				} catch (OAuth2AuthenticationException refused) {
					refused(request, refused.getError().getErrorCode());
					throw refused;
				}
				if (result != null) {
					granted(request, result);
				}
				return result;
			}

			@Override
			public boolean supports(Class<?> authentication) {
				return delegate.supports(authentication);
			}
		};
	}

	/** Client authentication failures happen before any provider: record them by endpoint. */
	public AuthenticationFailureHandler recordingClientFailures(AuthenticationFailureHandler delegate) {
		return (request, response, exception) -> {
			if (trail.enabled()) {
				String path = request.getRequestURI();
				AuditAction action = path.endsWith("/introspect") ? AuditAction.TOKEN_INTROSPECTED
						: path.endsWith("/revoke") ? AuditAction.TOKEN_REVOKED : AuditAction.TOKEN_ISSUED;
				String code = exception instanceof OAuth2AuthenticationException oauth ? oauth.getError().getErrorCode() : "invalid_client";
				String clientId = request.getParameter("client_id");
				record(request, SecurityEvent.of(action, tenantOf(request))
						.actor(clientId == null ? Actor.anonymous() : Actor.client(clientId, null))
						.detail("grant_type=" + request.getParameter("grant_type")).denied(code).status(401));
			}
			delegate.onAuthenticationFailure(request, response, exception);
		};
	}

	private void granted(Authentication request, Authentication result) {
		Optional<HttpServletRequest> http = CurrentRequest.get();
		if (!trail.enabled() || http.isEmpty()) {
			return;
		}
		String tenant = tenantOf(http.get());
		SecurityEvent event;
		if (result instanceof OAuth2AccessTokenAuthenticationToken token) {
			String clientId = token.getRegisteredClient().getClientId();
			event = SecurityEvent.of(request instanceof OAuth2RefreshTokenAuthenticationToken
							? AuditAction.TOKEN_REFRESHED : AuditAction.TOKEN_ISSUED, tenant)
					.actor(Actor.client(clientId, null))
					.scopes(String.join(" ", token.getAccessToken().getScopes()))
					.rule(http.get().getParameter("grant_type"))
					.success();
			subject(token.getAccessToken().getTokenValue()).filter(sub -> !sub.equals(clientId)).ifPresent(event::onBehalfOf);
			Object patient = token.getAdditionalParameters().get("patient");
			if (patient != null) {
				event.patient(patient.toString());
			}
		} else if (result instanceof OAuth2TokenIntrospectionAuthenticationToken introspection) {
			event = SecurityEvent.of(AuditAction.TOKEN_INTROSPECTED, tenant).actor(client(introspection.getPrincipal()))
					.detail(introspection.getTokenClaims().isActive() ? "active" : "inactive").success();
		} else if (result instanceof OAuth2TokenRevocationAuthenticationToken revocation) {
			event = SecurityEvent.of(AuditAction.TOKEN_REVOKED, tenant).actor(client(revocation.getPrincipal())).success();
		} else {
			return;
		}
		record(http.get(), event.status(200));
	}

	private void refused(Authentication request, String errorCode) {
		Optional<HttpServletRequest> http = CurrentRequest.get();
		if (!trail.enabled() || http.isEmpty()) {
			return;
		}
		AuditAction action = request instanceof OAuth2TokenIntrospectionAuthenticationToken ? AuditAction.TOKEN_INTROSPECTED
				: request instanceof OAuth2TokenRevocationAuthenticationToken ? AuditAction.TOKEN_REVOKED
				: request instanceof OAuth2RefreshTokenAuthenticationToken ? AuditAction.TOKEN_REFRESHED
				: AuditAction.TOKEN_ISSUED;
		record(http.get(), SecurityEvent.of(action, tenantOf(http.get())).actor(client(request.getPrincipal()))
				.detail("grant_type=" + http.get().getParameter("grant_type")).denied(errorCode).status(400));
	}

	private void record(HttpServletRequest request, SecurityEvent event) {
		trail.record(event.from(request).at(clock.instant()).build());
	}

	private static Actor client(Object principal) {
		return principal instanceof OAuth2ClientAuthenticationToken client && client.getRegisteredClient() != null
				? Actor.client(client.getRegisteredClient().getClientId(), null)
				: Actor.anonymous();
	}

	private static String tenantOf(HttpServletRequest request) {
		return TenantIssuer.tenantSegment(request).orElse(io.smartvitals.audit.record.AuditRecord.SERVER_CHAIN);
	}

	/** The user a token was issued for: the access token's {@code sub} (our own, just signed). */
	private static Optional<String> subject(String accessToken) {
		try {
			return Optional.ofNullable(JWTParser.parse(accessToken).getJWTClaimsSet().getSubject());
		} catch (ParseException notAJwt) {
			return Optional.empty();
		}
	}
}
