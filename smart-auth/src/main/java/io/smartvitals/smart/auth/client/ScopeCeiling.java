package io.smartvitals.smart.auth.client;

import io.smartvitals.smart.model.scope.InvalidScopeException;
import io.smartvitals.smart.model.scope.ResourceScope;
import io.smartvitals.smart.model.scope.ScopeParser;
import io.smartvitals.smart.model.scope.ScopeSet;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A client's allowed scopes as a ceiling: a requested scope is within it when some allowed scope
 * covers it: same context, same type or {@code *}, at least its permissions, and either no query
 * or exactly the same query. So {@code patient/*.read} covers {@code patient/Observation.rs} and
 * its vitals-only granular form, but {@code patient/Observation.rs?category=...vital-signs}
 * never covers the unrestricted {@code patient/Observation.rs}. A wildcard never covers the
 * audit trail ({@link ResourceScope#NAMED_ONLY}): {@code system/AuditEvent.rs} must be registered
 * by name. Other scopes must be listed as is.
 */
public final class ScopeCeiling {

	private final ScopeSet allowed;

	public ScopeCeiling(Collection<String> allowedScopes) {
		this.allowed = ScopeParser.parse(String.join(" ", allowedScopes));
	}

	/** @throws InvalidScopeException when a requested scope is malformed */
	public boolean covers(String requestedScope) {
		ScopeSet requested = ScopeParser.parse(requestedScope);
		for (String other : requested.otherScopes()) {
			if (!allowed.has(other)) {
				return false;
			}
		}
		for (ResourceScope scope : requested.resourceScopes()) {
			if (allowed.resourceScopes().stream().noneMatch(ceiling -> covers(ceiling, scope))) {
				return false;
			}
		}
		return true;
	}

	/** The requested scopes outside the ceiling, in request order; empty when all are allowed. */
	public Set<String> outside(Collection<String> requestedScopes) {
		Set<String> outside = new LinkedHashSet<>();
		for (String scope : requestedScopes) {
			if (!covers(scope)) {
				outside.add(scope);
			}
		}
		return outside;
	}

	static boolean covers(ResourceScope ceiling, ResourceScope scope) {
		return ceiling.context() == scope.context()
				&& (ceiling.resourceType().equals(scope.resourceType()) || ceiling.covers(scope.resourceType()))
				&& ceiling.permissions().containsAll(scope.permissions())
				&& (ceiling.query().isEmpty() || ceiling.query().equals(scope.query()));
	}
}
