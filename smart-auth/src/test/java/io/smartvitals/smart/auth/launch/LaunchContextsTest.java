package io.smartvitals.smart.auth.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartvitals.smart.auth.support.AuthDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class LaunchContextsTest {

	private final AuthDatabase.MovableClock clock = new AuthDatabase.MovableClock(Instant.parse("2026-11-23T10:00:00Z"));
	private JdbcTemplate jdbc;
	private LaunchContexts launches;

	@BeforeEach
	void freshDatabase() {
		jdbc = AuthDatabase.fresh();
		launches = new LaunchContexts(jdbc, clock, Duration.ofMinutes(5));
	}

	@Test
	void aLaunchIsClaimedOnceAndThenOnlyByTheClientThatClaimedIt() {
		LaunchContexts.Created created = launches.create("tenant-a", new LaunchRequest("p1", "e1", "[{\"reference\":\"Task/1\"}]"));
		LaunchContext claimed = launches.claim("tenant-a", created.value(), "app-1").orElseThrow();
		assertThat(claimed.patient()).isEqualTo("p1");
		assertThat(claimed.encounter()).isEqualTo("e1");
		assertThat(claimed.fhirContextJson()).isEqualTo("[{\"reference\":\"Task/1\"}]");
		assertThat(claimed.claimedByClient()).isEqualTo("app-1");
		assertThat(launches.claim("tenant-a", created.value(), "app-1")).isEmpty();
		assertThat(launches.claim("tenant-a", created.value(), "app-2")).isEmpty();
		assertThat(launches.claimedBy("tenant-a", created.value(), "app-1")).isPresent();
		assertThat(launches.claimedBy("tenant-a", created.value(), "app-2")).isEmpty();
	}

	@Test
	void aClaimedLaunchIsReadmittedForItsClientUntilAnApprovalUsesIt() {
		LaunchContexts.Created created = launches.create("tenant-a", new LaunchRequest("p1", null, null));
		assertThat(launches.readmits("tenant-a", created.value(), "app-1")).as("not claimed yet").isFalse();
		launches.claim("tenant-a", created.value(), "app-1").orElseThrow();
		assertThat(launches.readmits("tenant-a", created.value(), "app-1")).isTrue();
		assertThat(launches.readmits("tenant-a", created.value(), "app-2")).isFalse();
		assertThat(launches.readmits("tenant-b", created.value(), "app-1")).isFalse();
		assertThat(launches.useForCode("tenant-a", created.value(), "app-2")).isFalse();
		assertThat(launches.useForCode("tenant-a", created.value(), "app-1")).isTrue();
		assertThat(launches.useForCode("tenant-a", created.value(), "app-1")).as("used once").isFalse();
		assertThat(launches.readmits("tenant-a", created.value(), "app-1")).isFalse();
		assertThat(launches.claimedBy("tenant-a", created.value(), "app-1")).as("the token step still finds it").isPresent();
	}

	@Test
	void aClaimedLaunchIsNotReadmittedNorUsableAfterItExpires() {
		LaunchContexts.Created created = launches.create("tenant-a", new LaunchRequest("p1", null, null));
		launches.claim("tenant-a", created.value(), "app-1").orElseThrow();
		clock.advance(Duration.ofMinutes(5));
		assertThat(launches.readmits("tenant-a", created.value(), "app-1")).isFalse();
		assertThat(launches.useForCode("tenant-a", created.value(), "app-1")).isFalse();
	}

	@Test
	void aLaunchOfTenantACannotBeClaimedOrSeenAtTenantB() {
		LaunchContexts.Created created = launches.create("tenant-a", new LaunchRequest("p1", null, null));
		assertThat(launches.claim("tenant-b", created.value(), "app-1")).isEmpty();
		assertThat(launches.find("tenant-b", created.value())).isEmpty();
		assertThat(launches.claim("tenant-a", created.value(), "app-1")).isPresent();
	}

	@Test
	void anExpiredLaunchCannotBeClaimed() {
		LaunchContexts.Created created = launches.create("tenant-a", new LaunchRequest("p1", null, null));
		clock.advance(Duration.ofMinutes(5));
		assertThat(launches.claim("tenant-a", created.value(), "app-1")).isEmpty();
		assertThat(launches.purgeExpired(clock.instant().plusSeconds(1))).isEqualTo(1);
	}

	@Test
	void onlyAHashOfTheLaunchValueIsStored() {
		LaunchContexts.Created created = launches.create("tenant-a", new LaunchRequest("p1", null, null));
		String stored = jdbc.queryForObject("SELECT value_hash FROM auth_launch_context", String.class);
		assertThat(stored).isEqualTo(LaunchContexts.hash(created.value())).isNotEqualTo(created.value()).hasSize(64);
		assertThat(created.value()).hasSizeGreaterThanOrEqualTo(43);
	}

	@Test
	void unknownOrAbsurdValuesAreNotFound() {
		assertThat(launches.claim("tenant-a", "nope", "app-1")).isEmpty();
		assertThat(launches.claim("tenant-a", "x".repeat(5000), "app-1")).isEmpty();
		assertThat(launches.claim("tenant-a", null, "app-1")).isEmpty();
	}

	@Test
	void concurrentClaimsOfOneLaunchSucceedExactlyOnce() throws Exception {
		LaunchContexts.Created created = launches.create("tenant-a", new LaunchRequest("p1", null, null));
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Callable<Boolean>> claims = new ArrayList<>();
			for (int i = 0; i < 16; i++) {
				String client = "app-" + i;
				claims.add(() -> launches.claim("tenant-a", created.value(), client).isPresent());
			}
			int winners = 0;
			for (Future<Boolean> result : pool.invokeAll(claims)) {
				winners += result.get() ? 1 : 0;
			}
			assertThat(winners).isEqualTo(1);
		} finally {
			pool.shutdownNow();
		}
	}

	@Test
	void launchBodiesAreValidated() {
		assertThat(LaunchRequest.parse("{\"patient\":\"Patient/p1\",\"encounter\":\"Encounter/e1\"}"))
				.isEqualTo(new LaunchRequest("p1", "e1", null));
		for (String bad : new String[] {"", "[]", "{", "{}", "{\"patient\":1}", "{\"patient\":\"Observation/1\"}",
				"{\"patient\":\"p1\",\"extra\":1}", "{\"patient\":\"p1\",\"fhirContext\":{}}",
				"{\"patient\":\"p1\",\"fhirContext\":[\"x\"]}", "{\"patient\":\"<b>\"}",
				"{\"patient\":\"p1\",\"encounter\":\"../x\"}"}) {
			assertThatThrownBy(() -> LaunchRequest.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
		}
	}
}
