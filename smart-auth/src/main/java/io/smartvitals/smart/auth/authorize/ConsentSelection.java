package io.smartvitals.smart.auth.authorize;

import io.smartvitals.smart.auth.server.TenantScopedAuthorizationService;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * What the user chose on the approval page beyond unchecking scopes: a narrower granular scope in
 * place of a requested one (for example vitals only instead of all Observations) and the patient
 * picked for a standalone launch. Spring Authorization Server only intersects requested and
 * approved scopes, so the choice travels in the request and is applied when the authorization is
 * saved with its new code ({@link TenantScopedAuthorizationService#save}).
 */
public record ConsentSelection(String authorizationId, Map<String, List<String>> narrowed, String patient) {

	private static final String ATTRIBUTE = ConsentSelection.class.getName();

	public void remember() {
		RequestContextHolder.currentRequestAttributes().setAttribute(ATTRIBUTE, this, RequestAttributes.SCOPE_REQUEST);
	}

	public static OAuth2Authorization applyTo(OAuth2Authorization authorization) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request == null || !(request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof ConsentSelection selection)
				|| !selection.authorizationId().equals(authorization.getId())
				|| authorization.getAttribute(OAuth2ParameterNames.STATE) != null) {
			return authorization; // not the save that issues the code after this approval
		}
		request.removeAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
		Set<String> scopes = new LinkedHashSet<>();
		for (String scope : authorization.getAuthorizedScopes()) {
			scopes.addAll(selection.narrowed().getOrDefault(scope, List.of(scope)));
		}
		OAuth2Authorization.Builder builder = OAuth2Authorization.from(authorization).authorizedScopes(scopes);
		if (selection.patient() != null) {
			builder.attribute(TenantScopedAuthorizationService.PICKED_PATIENT, selection.patient());
		}
		return builder.build();
	}
}
