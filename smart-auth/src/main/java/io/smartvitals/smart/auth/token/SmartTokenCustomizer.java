package io.smartvitals.smart.auth.token;

import io.smartvitals.smart.auth.server.TenantIssuer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * SMART's claims on the tokens Spring Authorization Server issues. Access token: {@code aud} is the
 * tenant's FHIR base (the API checks it), {@code tenant}, {@code client_id}, {@code scope} as one
 * space-separated string, and the launch context for user tokens. ID token: {@code fhirUser} as an
 * absolute URL when {@code fhirUser} or {@code openid} was granted.
 */
public class SmartTokenCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

	private final SmartContextResolver contexts;

	public SmartTokenCustomizer(SmartContextResolver contexts) {
		this.contexts = contexts;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		TenantIssuer tenant = TenantIssuer.current();
		JwtClaimsSet.Builder claims = context.getClaims();
		Set<String> scopes = context.getAuthorizedScopes();
		boolean userGrant = !AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType());
		SmartContext launch = userGrant
				? contexts.resolve(tenant.tenant(), context.getAuthorization(), (Authentication) context.getPrincipal(), scopes)
				: SmartContext.NONE;
		if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			// A mutable list: the claims are stored through Spring Security's Jackson allowlist.
			claims.audience(new ArrayList<>(List.of(tenant.fhirBase())));
			claims.claim("tenant", tenant.tenant());
			claims.claim("client_id", context.getRegisteredClient().getClientId());
			claims.claim("scope", String.join(" ", scopes));
			// iat has whole seconds; revocation compares issue times exactly (RevocationInstant). A string:
			// the stored authorization is read back through Spring Security's Jackson allowlist.
			java.time.Instant issuedAt = claims.build().getIssuedAt();
			if (issuedAt != null) {
				claims.claim("iat_ms", Long.toString(issuedAt.toEpochMilli()));
			}
			putIfPresent(claims, "patient", launch.patient());
			putIfPresent(claims, "encounter", launch.encounter());
			putIfPresent(claims, "fhirUser", launch.fhirUser());
		} else if ("id_token".equals(context.getTokenType().getValue()) && launch.fhirUser() != null) {
			claims.claim("fhirUser", tenant.fhirBase() + "/" + launch.fhirUser());
		}
	}

	private static void putIfPresent(JwtClaimsSet.Builder claims, String name, String value) {
		if (value != null) {
			claims.claim(name, value);
		}
	}
}
