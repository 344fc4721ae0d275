package io.smartvitals.interceptors.enforce;

import io.smartvitals.interceptors.operations.OperationAllowList;
import java.util.Set;

/**
 * What a transaction or batch entry may name beyond its scopes, the same as a direct request:
 * only the resource types the tenant's FHIR base serves, only allowed operations, and at most
 * {@code maxEntries} entries per bundle.
 */
public record EntryRules(Set<String> servedTypes, OperationAllowList operations, int maxEntries) {

	public EntryRules {
		servedTypes = Set.copyOf(servedTypes);
		if (maxEntries < 1) {
			throw new IllegalArgumentException("maxEntries must be at least 1");
		}
	}
}
