package io.smartvitals.tenants.registry;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.springframework.dao.DuplicateKeyException;

/** Creates, lists, suspends and resumes tenants; creating one provisions its partition. */
public class TenantRegistry {

	private final TenantRepository repository;
	private final TenantPartitions partitions;
	private final Clock clock;
	private final List<Consumer<TenantId>> changeListeners = new CopyOnWriteArrayList<>();
	private final List<Consumer<TenantId>> creationListeners = new CopyOnWriteArrayList<>();
	private final List<Consumer<TenantId>> suspensionListeners = new CopyOnWriteArrayList<>();

	public TenantRegistry(TenantRepository repository, TenantPartitions partitions, Clock clock) {
		this.repository = repository;
		this.partitions = partitions;
		this.clock = clock;
	}

	/** Called after a tenant is created or its status changes, so caches on this node can drop it at once. */
	public void onChange(Consumer<TenantId> listener) {
		changeListeners.add(listener);
	}

	/**
	 * Called after a tenant is created, for what other modules provision per tenant (signing keys).
	 * A failing listener fails the creation request; the tenant row stays, and provisioning is
	 * idempotent, so the operator can retry through the owning module.
	 */
	public void onCreated(Consumer<TenantId> listener) {
		creationListeners.add(listener);
	}

	/** Called after a tenant is suspended, for what must stop with it (every token issued so far). */
	public void onSuspended(Consumer<TenantId> listener) {
		suspensionListeners.add(listener);
	}

	public Tenant create(TenantId id, String displayName, String plan) {
		if (repository.find(id).isPresent()) {
			throw new TenantAlreadyExistsException(id);
		}
		String name = displayName == null || displayName.isBlank() ? id.value() : displayName.strip();
		int partitionId = partitions.provision(id, name);
		Instant now = clock.instant();
		Tenant tenant = new Tenant(
				id, name, TenantStatus.ACTIVE, plan == null || plan.isBlank() ? "standard" : plan.strip(),
				partitionId, now, now);
		try {
			repository.insert(tenant);
		} catch (DuplicateKeyException raced) {
			if (repository.find(id).isPresent()) {
				// Another node created it between our check and insert; the partition is shared.
				throw new TenantAlreadyExistsException(id);
			}
			throw raced;
		}
		changeListeners.forEach(l -> l.accept(id));
		creationListeners.forEach(l -> l.accept(id));
		return tenant;
	}

	public Optional<Tenant> find(TenantId id) {
		return repository.find(id);
	}

	public List<Tenant> list() {
		return repository.findAll();
	}

	public Tenant suspend(TenantId id) {
		Tenant suspended = changeStatus(id, TenantStatus.SUSPENDED);
		suspensionListeners.forEach(l -> l.accept(id));
		return suspended;
	}

	public Tenant resume(TenantId id) {
		return changeStatus(id, TenantStatus.ACTIVE);
	}

	private Tenant changeStatus(TenantId id, TenantStatus status) {
		if (!repository.updateStatus(id, status, clock.instant())) {
			throw new UnknownTenantException(id);
		}
		changeListeners.forEach(l -> l.accept(id));
		return repository.find(id).orElseThrow(() -> new UnknownTenantException(id));
	}

	public static final class TenantAlreadyExistsException extends RuntimeException {
		public TenantAlreadyExistsException(TenantId id) {
			super("Tenant already exists: " + id);
		}
	}

	public static final class UnknownTenantException extends RuntimeException {
		public UnknownTenantException(TenantId id) {
			super("Unknown tenant: " + id);
		}
	}
}
