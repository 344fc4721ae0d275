package io.smartvitals.smart.auth.authorize;

import io.smartvitals.smart.model.scope.InvalidScopeException;
import io.smartvitals.smart.model.scope.ResourceScope;
import io.smartvitals.smart.model.scope.ScopeParser;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AuthorizationConsentAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;
import io.smartvitals.smart.auth.login.TenantUserAuthentication;
import java.util.function.BiPredicate;

/**
 * Reads the approval form. A submitted scope that narrows a requested one with a query (the
 * "vital signs only" choice) is accepted as approval of the requested scope plus a narrowing,
 * recorded under {@link #NARROWED} for {@link ConsentSelection}; anything else passes through
 * to Spring Authorization Server's own checks (submitted scopes must have been requested).
 * AuditEvent scopes are dropped unless the user holds the tenant's auditor role.
 */
public class SmartConsentConverter implements AuthenticationConverter {

	public static final String NARROWED = "smart_narrowed";
	private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);

	private final OAuth2AuthorizationConsentAuthenticationConverter delegate = new OAuth2AuthorizationConsentAuthenticationConverter();
	private final OAuth2AuthorizationService authorizations;
	private final BiPredicate<String, String> auditor;

	/** @param auditor whether (tenant, username) holds the tenant's auditor role */
	public SmartConsentConverter(OAuth2AuthorizationService authorizations, BiPredicate<String, String> auditor) {
		this.authorizations = authorizations;
		this.auditor = auditor;
	}

	@Override
	public Authentication convert(HttpServletRequest request) {
		Authentication converted = delegate.convert(request);
		if (!(converted instanceof OAuth2AuthorizationConsentAuthenticationToken consent)) {
			return converted;
		}
		OAuth2Authorization authorization = authorizations.findByToken(consent.getState(), STATE);
		OAuth2AuthorizationRequest original = authorization == null ? null
				: authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
		if (original == null) {
			return consent; // Spring Authorization Server answers the unknown state
		}
		Set<String> requested = original.getScopes();
		Set<String> approved = new LinkedHashSet<>();
		Map<String, List<String>> narrowed = new LinkedHashMap<>();
		for (String scope : consent.getScopes()) {
			String base = requested.contains(scope) ? null : narrowedFrom(scope, requested);
			if (base == null) {
				approved.add(scope);
			} else {
				approved.add(base);
				narrowed.computeIfAbsent(base, k -> new ArrayList<>()).add(scope);
			}
		}
		if ("deny".equals(request.getParameter("decision"))) {
			// Deny shares the form with the scopes: the press, not the checkboxes, decides.
			approved.clear();
			narrowed.clear();
		}
		if (!(consent.getPrincipal() instanceof TenantUserAuthentication user) || !auditor.test(user.tenant(), user.getName())) {
			// The audit trail is for the tenant's auditors only, whatever the app asked and the form said.
			approved.removeIf(SmartConsentConverter::readsAuditTrail);
		}
		Map<String, Object> additional = new HashMap<>(consent.getAdditionalParameters());
		additional.put(NARROWED, narrowed);
		return new OAuth2AuthorizationConsentAuthenticationToken(
				consent.getAuthorizationUri(), consent.getClientId(), (Authentication) consent.getPrincipal(),
				consent.getState(), approved, additional);
	}

	/** Whether the scope reaches the audit trail (AuditEvent), which only the tenant's auditors are granted. */
	public static boolean readsAuditTrail(String scope) {
		try {
			return ScopeParser.parse(scope).resourceScopes().stream().anyMatch(r -> "AuditEvent".equals(r.resourceType()));
		} catch (InvalidScopeException notAResourceScope) {
			return false;
		}
	}

	/** The requested unrestricted scope that {@code scope} is a query-narrowed form of, or null. */
	static String narrowedFrom(String scope, Set<String> requested) {
		ResourceScope narrow;
		try {
			List<ResourceScope> parsed = ScopeParser.parse(scope).resourceScopes();
			if (parsed.size() != 1 || !parsed.get(0).isGranular()) {
				return null;
			}
			narrow = parsed.get(0);
		} catch (InvalidScopeException e) {
			return null;
		}
		for (String candidate : requested) {
			try {
				List<ResourceScope> parsed = ScopeParser.parse(candidate).resourceScopes();
				if (parsed.size() == 1) {
					ResourceScope base = parsed.get(0);
					if (!base.isGranular() && base.context() == narrow.context() && base.resourceType().equals(narrow.resourceType())
							&& base.permissions().containsAll(narrow.permissions())) {
						return candidate;
					}
				}
			} catch (InvalidScopeException e) {
				// a malformed requested scope never matches
			}
		}
		return null;
	}
}
