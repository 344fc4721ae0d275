package io.smartvitals.tenants.registry;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.dao.DuplicateKeyException;

/** Creates, lists, suspends and resumes tenants; creating one provisions its partition. */
public class TenantRegistry {

	private final TenantRepository repository;
	private final TenantPartitions partitions;
	private final Clock clock;
	private Consumer<TenantId> changeListener = id -> {};

	public TenantRegistry(TenantRepository repository, TenantPartitions partitions, Clock clock) {
		this.repository = repository;
		this.partitions = partitions;
		this.clock = clock;
	}

	/** Called after a tenant's status changes, so caches on this node can drop it at once. */
	public void onChange(Consumer<TenantId> listener) {
		this.changeListener = listener;
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
		changeListener.accept(id);
		return tenant;
	}

	public Optional<Tenant> find(TenantId id) {
		return repository.find(id);
	}

	public List<Tenant> list() {
		return repository.findAll();
	}

	public Tenant suspend(TenantId id) {
		return changeStatus(id, TenantStatus.SUSPENDED);
	}

	public Tenant resume(TenantId id) {
		return changeStatus(id, TenantStatus.ACTIVE);
	}

	private Tenant changeStatus(TenantId id, TenantStatus status) {
		if (!repository.updateStatus(id, status, clock.instant())) {
			throw new UnknownTenantException(id);
		}
		changeListener.accept(id);
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
