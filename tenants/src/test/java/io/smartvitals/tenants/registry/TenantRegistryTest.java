package io.smartvitals.tenants.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartvitals.tenants.EmbeddedDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TenantRegistryTest {

	private final RecordingTenantPartitions partitions = new RecordingTenantPartitions();
	private TenantRegistry registry;

	@BeforeEach
	void freshDatabase() {
		registry = new TenantRegistry(new TenantRepository(EmbeddedDatabase.migrated()), partitions,
				Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));
	}

	@Test
	void creatingATenantProvisionsItsPartitionAndStoresItActive() {
		Tenant tenant = registry.create(new TenantId("general-hospital"), "General Hospital", null);
		assertThat(partitions.partitions).containsKey("general-hospital");
		assertThat(tenant.partitionId()).isEqualTo(partitions.partitions.get("general-hospital"));
		assertThat(registry.find(new TenantId("general-hospital"))).contains(tenant);
		assertThat(tenant.status()).isEqualTo(TenantStatus.ACTIVE);
		assertThat(tenant.plan()).isEqualTo("standard");
	}

	@Test
	void aBlankDisplayNameFallsBackToTheId() {
		assertThat(registry.create(new TenantId("abc"), "  ", "gold").displayName()).isEqualTo("abc");
	}

	@Test
	void creatingTheSameTenantTwiceFailsAndKeepsTheFirst() {
		registry.create(new TenantId("abc"), "First", null);
		assertThatThrownBy(() -> registry.create(new TenantId("abc"), "Second", null))
				.isInstanceOf(TenantRegistry.TenantAlreadyExistsException.class);
		assertThat(registry.find(new TenantId("abc")).orElseThrow().displayName()).isEqualTo("First");
		assertThat(registry.list()).hasSize(1);
	}

	@Test
	void suspendAndResumeChangeStatusAndNotifyListeners() {
		List<TenantId> changed = new ArrayList<>();
		registry.onChange(changed::add);
		registry.create(new TenantId("abc"), "A", null);
		assertThat(registry.suspend(new TenantId("abc")).status()).isEqualTo(TenantStatus.SUSPENDED);
		assertThat(registry.resume(new TenantId("abc")).status()).isEqualTo(TenantStatus.ACTIVE);
		assertThat(changed).hasSize(3);
	}

	@Test
	void creationListenersRunOnlyOnCreation() {
		List<TenantId> created = new ArrayList<>();
		registry.onCreated(created::add);
		registry.create(new TenantId("abc"), "A", null);
		registry.suspend(new TenantId("abc"));
		assertThat(created).containsExactly(new TenantId("abc"));
	}

	@Test
	void suspendingAnUnknownTenantFails() {
		assertThatThrownBy(() -> registry.suspend(new TenantId("nope")))
				.isInstanceOf(TenantRegistry.UnknownTenantException.class);
	}

	@Test
	void listIsOrderedById() {
		registry.create(new TenantId("zeta"), null, null);
		registry.create(new TenantId("alpha"), null, null);
		assertThat(registry.list()).extracting(t -> t.id().value()).containsExactly("alpha", "zeta");
	}
}
