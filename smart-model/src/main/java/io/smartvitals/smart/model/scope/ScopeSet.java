package io.smartvitals.smart.model.scope;

import java.util.List;
import java.util.Set;

/**
 * A token's scopes, parsed once: its resource scopes, and the others ({@code openid},
 * {@code fhirUser}, {@code launch/patient}, {@code offline_access}, ...) kept as strings.
 */
public record ScopeSet(List<ResourceScope> resourceScopes, Set<String> otherScopes) {

	public ScopeSet {
		resourceScopes = List.copyOf(resourceScopes);
		otherScopes = Set.copyOf(otherScopes);
	}

	/** Scopes that grant {@code permission} on {@code type}, in the order they were granted. */
	public List<ResourceScope> granting(String type, Permission permission) {
		return resourceScopes.stream().filter(s -> s.covers(type) && s.permits(permission)).toList();
	}

	public boolean has(String otherScope) {
		return otherScopes.contains(otherScope);
	}
}
