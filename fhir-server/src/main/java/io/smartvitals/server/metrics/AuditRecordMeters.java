package io.smartvitals.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smartvitals.audit.record.AuditAction;
import io.smartvitals.audit.record.AuditRecord;
import io.smartvitals.audit.record.Outcome;
import java.util.Set;

/**
 * The counters every audit record feeds, so a metric counts exactly what the evidence shows:
 * token requests per grant type and outcome ({@code vitals.token.requests}), refusals of FHIR
 * requests by rule family ({@code vitals.access.denials}), and revoked tokens
 * ({@code vitals.revocations}, kind token; principals are counted where they are revoked).
 */
public final class AuditRecordMeters {

	/** Grant types a token request can name; anything else is "other". */
	private static final Set<String> GRANT_TYPES = Set.of("authorization_code", "client_credentials", "refresh_token",
			"urn:ietf:params:oauth:grant-type:token-exchange", "urn:ietf:params:oauth:grant-type:jwt-bearer");

	private final MeterRegistry registry;
	private final TenantTag tenants;

	public AuditRecordMeters(MeterRegistry registry, TenantTag tenants) {
		this.registry = registry;
		this.tenants = tenants;
	}

	public void count(AuditRecord record) {
		AuditAction action = record.action();
		if (action.equals(AuditAction.TOKEN_ISSUED) || action.equals(AuditAction.TOKEN_REFRESHED)) {
			counter("vitals.token.requests", "grant_type", grantType(record), "outcome", record.outcome().code(),
					"tenant", tenant(record)).increment();
		} else if (action.equals(AuditAction.TOKEN_REVOKED) && record.outcome() == Outcome.SUCCESS) {
			counter("vitals.revocations", "kind", "token").increment();
		} else if (action.category() == AuditAction.Category.REST && record.outcome() == Outcome.DENIED) {
			counter("vitals.access.denials", "rule", DenialRule.of(record.rule()).tag(), "tenant", tenant(record)).increment();
		}
	}

	private String tenant(AuditRecord record) {
		return AuditRecord.SERVER_CHAIN.equals(record.tenant()) ? TenantTag.UNKNOWN : tenants.of(record.tenant());
	}

	/** A grant's record names it as its rule; a refusal's record in its detail ({@code grant_type=...}). */
	static String grantType(AuditRecord record) {
		String named = record.outcome() == Outcome.SUCCESS ? record.rule() : fromDetail(record.detail());
		return named != null && GRANT_TYPES.contains(named) ? named : "other";
	}

	private static String fromDetail(String detail) {
		String prefix = "grant_type=";
		if (detail == null || !detail.startsWith(prefix)) {
			return null;
		}
		int end = detail.indexOf(' ', prefix.length());
		return end < 0 ? detail.substring(prefix.length()) : detail.substring(prefix.length(), end);
	}

	private Counter counter(String name, String... tags) {
		return registry.counter(name, tags);
	}
}
