package io.smartvitals.interceptors.operations;

import java.util.Set;

/**
 * Extended operations a tenant may call. Everything else, notably HAPI's server-maintenance
 * operations ({@code $expunge}, {@code $reindex}, {@code $get-resource-counts}, which counts
 * across all partitions), is refused: deny by default.
 */
public record OperationAllowList(Set<String> allowed) {

	public static OperationAllowList tenantDefaults() {
		return new OperationAllowList(Set.of("$everything", "$meta", "$meta-add", "$meta-delete", "$validate",
				// Bulk Data export: kick-off, status/cancel, and the output files (our own operations over HAPI's Batch2 job).
				"$export", "$export-poll-status", "$export-file"));
	}

	/** Only extended operations ({@code $name}) are listed; {@code metadata} and plain REST are not operations. */
	public boolean permits(String operation) {
		return operation == null || !operation.startsWith("$") || allowed.contains(operation);
	}
}
