package io.smartvitals.server.people;

import com.nimbusds.jwt.SignedJWT;
import io.smartvitals.interceptors.token.AccessTokenVerifier;
import io.smartvitals.interceptors.token.RevokedAccessTokens;
import io.smartvitals.interceptors.token.RevokedPrincipals;
import io.smartvitals.interceptors.token.TokenVerdict;
import io.smartvitals.server.admin.OperatorToken;
import io.smartvitals.smart.auth.launch.LaunchApiAuthorization;
import io.smartvitals.smart.model.endpoints.TenantEndpoints;
import jakarta.servlet.http.HttpServletRequest;
import java.text.ParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Who may call {@code POST /auth/{tenant}/launch}: the operator, or a client holding a valid
 * access token of that tenant with scope {@code system/launch}. Any other valid token of the
 * tenant is 403; no token, or one that does not verify at this tenant (another tenant's, expired,
 * forged), is 401.
 */
public class BearerLaunchAuthorization implements LaunchApiAuthorization {

	static final String LAUNCH_SCOPE = "system/launch";
	private static final String BEARER = "Bearer ";
	private final Optional<OperatorToken> operator;
	private final AccessTokenVerifier verifier;
	private final RevokedAccessTokens revoked;
	private final RevokedPrincipals revokedPrincipals;

	public BearerLaunchAuthorization(Optional<OperatorToken> operator, AccessTokenVerifier verifier, RevokedAccessTokens revoked,
			RevokedPrincipals revokedPrincipals) {
		this.operator = operator;
		this.verifier = verifier;
		this.revoked = revoked;
		this.revokedPrincipals = revokedPrincipals;
	}

	@Override
	public Verdict check(HttpServletRequest request, String tenant) {
		String header = request.getHeader("Authorization");
		if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return Verdict.UNAUTHENTICATED;
		}
		String token = header.substring(BEARER.length()).strip();
		if (operator.isPresent() && operator.get().matches(token)) {
			return Verdict.ALLOWED;
		}
		TenantEndpoints endpoints = new TenantEndpoints(ServletUriComponentsBuilder.fromContextPath(request).build().toUriString(), tenant);
		TokenVerdict verdict = verifier.verify(token, tenant, endpoints.issuer(), endpoints.fhirBase());
		// The same revocations as at the FHIR API: a disabled client or suspended tenant launches nothing.
		if (!(verdict instanceof TokenVerdict.Valid valid) || revoked.isRevoked(valid.jwtId())
				|| revokedPrincipals.revocationOf(valid) != null) {
			return Verdict.UNAUTHENTICATED;
		}
		return grantedScopes(token).contains(LAUNCH_SCOPE) ? Verdict.ALLOWED : Verdict.FORBIDDEN;
	}

	/** The raw scope claim of a token that has already verified. */
	private static List<String> grantedScopes(String token) {
		try {
			String scope = SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("scope");
			return scope == null ? List.of() : Arrays.asList(scope.split(" "));
		} catch (ParseException e) {
			return List.of();
		}
	}
}
