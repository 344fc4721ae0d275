package io.smartvitals.smart.model.scope;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One resource scope such as {@code patient/Observation.rs?category=...|vital-signs}: context,
 * resource type ({@code *} for all), permissions and, for a granular v2 scope, the search
 * parameters a resource must match.
 *
 * @param text the scope exactly as granted, so decisions can name it
 */
public record ResourceScope(
		ScopeContext context, String resourceType, Set<Permission> permissions, Map<String, List<String>> query, String text) {

	public static final String ANY_TYPE = "*";

	public ResourceScope {
		permissions = Set.copyOf(permissions);
		query = Map.copyOf(query);
	}

	/**
	 * Types a wildcard never reaches: the audit trail is granted only by a scope that names it
	 * (and, for users, the auditor role), so {@code system/*.rs} is not an audit reader.
	 */
	public static final Set<String> NAMED_ONLY = Set.of("AuditEvent");

	public boolean covers(String type) {
		return resourceType.equals(type) || (ANY_TYPE.equals(resourceType) && !NAMED_ONLY.contains(type));
	}

	public boolean permits(Permission permission) {
		return permissions.contains(permission);
	}

	/** Same access, whatever the spelling: {@code patient/Observation.read} is {@code patient/Observation.rs}. */
	public boolean sameAccessAs(ResourceScope other) {
		return context == other.context && resourceType.equals(other.resourceType)
				&& permissions.equals(other.permissions) && query.equals(other.query);
	}

	public boolean isGranular() {
		return !query.isEmpty();
	}

	@Override
	public String toString() {
		return text;
	}
}
