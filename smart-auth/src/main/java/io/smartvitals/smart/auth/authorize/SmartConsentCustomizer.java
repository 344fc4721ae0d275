package io.smartvitals.smart.auth.authorize;

import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

import io.smartvitals.smart.auth.server.TenantIssuer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationToken;

/**
 * Turns the approval form's extras into a {@link ConsentSelection}: the narrowed scopes, and the
 * patient {@link PatientChoice} allows when {@code launch/patient} was approved.
 */
public class SmartConsentCustomizer implements Consumer<OAuth2AuthorizationConsentAuthenticationContext> {

	private final PatientChoice patients;
	private final LaunchAdmission launches;

	public SmartConsentCustomizer(PatientChoice patients, LaunchAdmission launches) {
		this.patients = patients;
		this.launches = launches;
	}

	@Override
	@SuppressWarnings("unchecked")
	public void accept(OAuth2AuthorizationConsentAuthenticationContext context) {
		OAuth2AuthorizationConsentAuthenticationToken consent = context.getAuthentication();
		OAuth2AuthorizationRequest request = context.getAuthorization().getAttribute(OAuth2AuthorizationRequest.class.getName());
		Object launch = request == null ? null : request.getAdditionalParameters().get("launch");
		if (launch instanceof String value
				&& !launches.useForCode(TenantIssuer.current().tenant(), value, context.getRegisteredClient().getClientId())) {
			// Redirected to the app like any other refusal after the redirect URI was checked.
			throw new OAuth2AuthorizationCodeRequestAuthenticationException(
					new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, "launch is unknown, expired or already used", null),
					new OAuth2AuthorizationCodeRequestAuthenticationToken(request.getAuthorizationUri(), request.getClientId(),
							(Authentication) consent.getPrincipal(), request.getRedirectUri(), request.getState(), request.getScopes(),
							request.getAdditionalParameters()));
		}
		Map<String, Object> additional = consent.getAdditionalParameters();
		Map<String, List<String>> narrowed = (Map<String, List<String>>) additional.getOrDefault(SmartConsentConverter.NARROWED, Map.of());
		String patient = null;
		Set<String> granted = new HashSet<>();
		// Read through the builder: build() refuses an empty consent, which is what Deny is, and
		// Spring Authorization Server answers that with access_denied once this returns.
		context.getAuthorizationConsent().authorities(authorities -> authorities.forEach(a -> granted.add(a.getAuthority())));
		if (granted.isEmpty()) {
			return;
		}
		boolean patientApproved = granted.contains("SCOPE_launch/patient");
		if (patientApproved) {
			Object picked = additional.get("patient");
			patient = patients.decide(TenantIssuer.current().tenant(), (Authentication) consent.getPrincipal(),
							picked instanceof String s ? s : null)
					.orElseThrow(() -> new OAuth2AuthenticationException(
							new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, "pick a patient this user may open", null)));
		}
		new ConsentSelection(context.getAuthorization().getId(), narrowed, patient).remember();
	}
}
