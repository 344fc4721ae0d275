package io.smartvitals.smart.auth.authorize;

import io.smartvitals.smart.auth.server.TenantIssuer;
import java.util.List;
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

	public SmartConsentCustomizer(PatientChoice patients) {
		this.patients = patients;
	}

	@Override
	@SuppressWarnings("unchecked")
	public void accept(OAuth2AuthorizationConsentAuthenticationContext context) {
		OAuth2AuthorizationConsentAuthenticationToken consent = context.getAuthentication();
		Map<String, Object> additional = consent.getAdditionalParameters();
		Map<String, List<String>> narrowed = (Map<String, List<String>>) additional.getOrDefault(SmartConsentConverter.NARROWED, Map.of());
		String patient = null;
		boolean patientApproved = context.getAuthorizationConsent().build().getScopes().contains("launch/patient");
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
