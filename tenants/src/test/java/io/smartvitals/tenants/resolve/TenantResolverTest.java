package io.smartvitals.tenants.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartvitals.tenants.EmbeddedDatabase;
import io.smartvitals.tenants.registry.TenantId;
import io.smartvitals.tenants.registry.TenantPartitions;
import io.smartvitals.tenants.registry.TenantRegistry;
import io.smartvitals.tenants.registry.TenantRepository;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TenantResolverTest {

	private TenantRegistry registry;
	private TenantResolver resolver;

	@BeforeEach
	void setUp() {
		java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger(1);
		TenantPartitions partitions = (id, description) -> next.getAndIncrement();
		registry = new TenantRegistry(new TenantRepository(EmbeddedDatabase.migrated()), partitions, Clock.systemUTC());
		resolver = new TenantResolver(registry, Duration.ofHours(1));
		registry.create(new TenantId("general-hospital"), "GH", null);
	}

	@Test
	void anActiveTenantIsGranted() {
		assertThat(resolver.resolve("general-hospital")).isInstanceOf(TenantAccess.Granted.class);
	}

	@Test
	void unknownMalformedAndCaseVariantsAreAllUnknown() {
		for (String requested : new String[] {"sunrise-clinic", "General-Hospital", "DEFAULT", null, "general-hospital ", "../x"}) {
			assertThat(resolver.resolve(requested)).as(String.valueOf(requested)).isInstanceOf(TenantAccess.Unknown.class);
		}
	}

	@Test
	void theServableGateKnownAndDisplayName() {
		assertThat(resolver.servable("general-hospital")).isTrue();
		assertThat(resolver.displayName("general-hospital")).isEqualTo("GH");
		registry.suspend(new TenantId("general-hospital"));
		assertThat(resolver.servable("general-hospital")).as("suspended: not servable").isFalse();
		assertThat(resolver.known("general-hospital")).as("but known").isTrue();
		assertThat(resolver.displayName("general-hospital")).isEqualTo("general-hospital");
		assertThat(resolver.known("sunrise-clinic")).isFalse();
		assertThat(resolver.known(null)).isFalse();
		assertThat(resolver.servable(null)).isFalse();
	}

	@Test
	void suspensionOnThisNodeTakesEffectAtOnceDespiteTheCache() {
		assertThat(resolver.resolve("general-hospital")).isInstanceOf(TenantAccess.Granted.class);
		registry.suspend(new TenantId("general-hospital"));
		assertThat(resolver.resolve("general-hospital")).isInstanceOf(TenantAccess.Suspended.class);
		registry.resume(new TenantId("general-hospital"));
		assertThat(resolver.resolve("general-hospital")).isInstanceOf(TenantAccess.Granted.class);
	}

	@Test
	void aTenantCreatedAfterAMissIsFoundOnThisNode() {
		assertThat(resolver.resolve("late-tenant")).isInstanceOf(TenantAccess.Unknown.class);
		registry.create(new TenantId("late-tenant"), null, null);
		assertThat(resolver.resolve("late-tenant")).isInstanceOf(TenantAccess.Granted.class);
	}
}
