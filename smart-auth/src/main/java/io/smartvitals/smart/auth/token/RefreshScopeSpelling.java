package io.smartvitals.smart.auth.token;

import io.smartvitals.smart.model.scope.InvalidScopeException;
import io.smartvitals.smart.model.scope.ResourceScope;
import io.smartvitals.smart.model.scope.ScopeParser;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2RefreshTokenAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * A refresh may ask again for a granted scope in its other SMART spelling: v1
 * {@code patient/Observation.read} for a granted v2 {@code patient/Observation.rs}, or back. Each
 * requested scope that means exactly the same access as a granted one is replaced by the granted
 * spelling before Spring Authorization Server's subset check, so it is accepted and never widens
 * anything; every other requested scope is left as asked, to be refused {@code invalid_scope}.
 */
public class RefreshScopeSpelling implements AuthenticationConverter {

	private final OAuth2RefreshTokenAuthenticationConverter requests = new OAuth2RefreshTokenAuthenticationConverter();
	private final OAuth2AuthorizationService authorizations;

	public RefreshScopeSpelling(OAuth2AuthorizationService authorizations) {
		this.authorizations = authorizations;
	}

	@Override
	public Authentication convert(HttpServletRequest request) {
		Authentication converted = requests.convert(request);
		if (!(converted instanceof OAuth2RefreshTokenAuthenticationToken refresh) || refresh.getScopes().isEmpty()) {
			return converted;
		}
		OAuth2Authorization authorization = authorizations.findByToken(refresh.getRefreshToken(), OAuth2TokenType.REFRESH_TOKEN);
		if (authorization == null) {
			return converted;
		}
		Set<String> granted = authorization.getAuthorizedScopes();
		Set<String> asGranted = new LinkedHashSet<>();
		for (String scope : refresh.getScopes()) {
			asGranted.add(granted.contains(scope) ? scope : grantedSpelling(scope, granted));
		}
		return new OAuth2RefreshTokenAuthenticationToken(refresh.getRefreshToken(), (Authentication) refresh.getPrincipal(),
				asGranted, refresh.getAdditionalParameters());
	}

	/** The granted scope with exactly the access {@code requested} names, or {@code requested} itself. */
	static String grantedSpelling(String requested, Set<String> granted) {
		ResourceScope wanted = single(requested);
		if (wanted == null) {
			return requested;
		}
		for (String scope : granted) {
			ResourceScope candidate = single(scope);
			if (candidate != null && candidate.sameAccessAs(wanted)) {
				return scope;
			}
		}
		return requested;
	}

	private static ResourceScope single(String scope) {
		try {
			List<ResourceScope> parsed = ScopeParser.parse(scope).resourceScopes();
			return parsed.size() == 1 ? parsed.get(0) : null;
		} catch (InvalidScopeException notAResourceScope) {
			return null;
		}
	}
}
