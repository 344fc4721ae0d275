package io.smartvitals.audit.record;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One audited event, before it is chained. Values are normalised on construction (time to
 * milliseconds, text clipped to its column, references without whitespace), so the hash covers
 * exactly what the database keeps.
 *
 * @param tenant the chain it belongs to: a tenant id, or {@link #SERVER_CHAIN} for events outside any tenant
 * @param onBehalfOf the user a client acted for (SMART user-facing apps), else null
 * @param resources references touched, e.g. {@code Observation/123}
 * @param patients ids of the patients whose data was touched (bare ids)
 * @param status the HTTP status answered, when the event was a request
 * @param rule the scope, consent or rule that decided (or the error that ended it)
 * @param scopes the scopes the actor held (space-separated, as granted)
 * @param requestId the request id, the same one the server log shows
 * @param detail free text: the query of a search, what an admin change did
 */
public record AuditRecord(
		Instant time,
		String tenant,
		Actor actor,
		String onBehalfOf,
		AuditAction action,
		List<String> resources,
		List<String> patients,
		Outcome outcome,
		Integer status,
		String rule,
		String scopes,
		String sourceAddress,
		String requestId,
		String detail) {

	/** Chain of events that belong to no tenant (unknown tenant in the URL, server start-up events). */
	public static final String SERVER_CHAIN = "_server";

	public AuditRecord {
		Objects.requireNonNull(time, "time");
		Objects.requireNonNull(tenant, "tenant");
		Objects.requireNonNull(actor, "actor");
		Objects.requireNonNull(action, "action");
		Objects.requireNonNull(outcome, "outcome");
		time = time.truncatedTo(ChronoUnit.MILLIS);
		tenant = AuditText.clip(tenant, 64);
		onBehalfOf = AuditText.clip(blankToNull(onBehalfOf), 256);
		resources = references(resources);
		patients = references(patients);
		rule = AuditText.clip(blankToNull(rule), 512);
		scopes = AuditText.clip(blankToNull(scopes), 4000);
		sourceAddress = AuditText.clip(blankToNull(sourceAddress), 64);
		requestId = AuditText.clip(blankToNull(requestId), 128);
		detail = AuditText.clip(blankToNull(detail), 4000);
	}

	/**
	 * Distinct, whitespace-free, at most 1000 (a search page is at most a few hundred). A plain loop:
	 * every answered request builds a record, and streams here were a visible part of its cost.
	 */
	private static List<String> references(List<String> values) {
		if (values == null || values.isEmpty()) {
			return List.of();
		}
		Set<String> kept = new LinkedHashSet<>();
		for (String value : values) {
			if (kept.size() == 1000) {
				break;
			}
			if (value != null && !value.isBlank() && !hasWhitespace(value)) {
				kept.add(AuditText.clip(value, 256));
			}
		}
		return List.copyOf(kept);
	}

	private static boolean hasWhitespace(String value) {
		for (int i = 0; i < value.length(); i++) {
			if (Character.isWhitespace(value.charAt(i))) {
				return true;
			}
		}
		return false;
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}
}
