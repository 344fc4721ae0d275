package io.smartvitals.interceptors.consent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Every tenant's active privacy consents, by patient, held in memory and reloaded when older
 * than {@code maxAge} (so a Consent written on another node takes effect within that time) or
 * at once after a Consent is written on this node. Reading one snapshot per tenant and second
 * costs one query, instead of one per patient per request.
 */
public class TenantConsents {

	private record Snapshot(Map<String, List<PrivacyConsent>> byPatient, List<PrivacyConsent> all, Instant loadedAt) {}

	private final Function<String, List<PrivacyConsent>> source;
	private final Clock clock;
	private final Duration maxAge;
	private final Set<String> optInTenants;
	private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();

	/** @param source loads a tenant's active patient-privacy consents */
	public TenantConsents(Function<String, List<PrivacyConsent>> source, Clock clock, Duration maxAge, Set<String> optInTenants) {
		this.source = source;
		this.clock = clock;
		this.maxAge = maxAge;
		this.optInTenants = Set.copyOf(optInTenants);
	}

	public boolean isOptIn(String tenant) {
		return optInTenants.contains(tenant);
	}

	public List<PrivacyConsent> of(String tenant, String patient) {
		return snapshot(tenant).byPatient().getOrDefault(patient, List.of());
	}

	/** False when no consent of the tenant can deny anything to these identities, so per-resource checks can be skipped. */
	public boolean mayRestrict(String tenant, Set<String> identities) {
		return isOptIn(tenant) || snapshot(tenant).all().stream().anyMatch(c -> c.root().mayDeny(identities));
	}

	public void invalidate(String tenant) {
		snapshots.remove(tenant);
	}

	private Snapshot snapshot(String tenant) {
		Instant now = clock.instant();
		Snapshot current = snapshots.get(tenant);
		if (current != null && now.isBefore(current.loadedAt().plus(maxAge))) {
			return current;
		}
		return snapshots.compute(tenant, (t, existing) -> {
			if (existing != null && now.isBefore(existing.loadedAt().plus(maxAge))) {
				return existing;
			}
			List<PrivacyConsent> all = source.apply(t);
			Map<String, List<PrivacyConsent>> byPatient = new HashMap<>();
			for (PrivacyConsent consent : all) {
				byPatient.computeIfAbsent(consent.patient(), p -> new ArrayList<>()).add(consent);
			}
			return new Snapshot(byPatient, List.copyOf(all), clock.instant());
		});
	}
}
