package io.smartvitals.interceptors.bulk;

import java.time.Instant;
import java.util.List;

/**
 * A validated kick-off request, as the client asked for it (before scopes narrow it).
 *
 * @param types requested {@code _type}s, empty when the client asked for every type it may export
 * @param since {@code _since}, or null
 * @param typeFilters {@code _typeFilter} queries such as {@code Observation?code=...}
 * @param patients {@code Patient/id} references of the {@code patient} parameter (POST only)
 * @param ignored parameters left out under {@code Prefer: handling=lenient}
 */
public record ExportRequest(
		ExportLevel level, String groupId, List<String> types, Instant since, List<String> typeFilters,
		List<String> patients, List<String> ignored) {

	public ExportRequest {
		types = List.copyOf(types);
		typeFilters = List.copyOf(typeFilters);
		patients = List.copyOf(patients);
		ignored = List.copyOf(ignored);
	}

	/** The one output format served: every accepted {@code _outputFormat} means this. */
	public static final String NDJSON = "application/fhir+ndjson";
}
