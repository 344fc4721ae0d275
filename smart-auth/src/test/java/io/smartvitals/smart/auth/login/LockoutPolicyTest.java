package io.smartvitals.smart.auth.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LockoutPolicyTest {

	private final LockoutPolicy policy = LockoutPolicy.defaults();
	private final Instant t0 = Instant.parse("2026-11-23T10:00:00Z");

	@Test
	void theFirstThreeFailuresCostNothing() {
		for (int failures = 0; failures < 3; failures++) {
			assertThat(policy.gate(failures, t0, null, t0)).isInstanceOf(LockoutPolicy.Gate.Open.class);
		}
	}

	@Test
	void fromTheThirdFailureOnTheWaitDoublesUpToThirtySeconds() {
		assertThat(policy.delayAfter(3)).isEqualTo(Duration.ofSeconds(1));
		assertThat(policy.delayAfter(4)).isEqualTo(Duration.ofSeconds(2));
		assertThat(policy.delayAfter(5)).isEqualTo(Duration.ofSeconds(4));
		assertThat(policy.delayAfter(8)).isEqualTo(Duration.ofSeconds(30));
		assertThat(policy.delayAfter(1000)).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void anAttemptInsideTheWaitIsHeldBackAndOneAfterItIsOpen() {
		assertThat(policy.gate(4, t0, null, t0.plusMillis(1999))).isEqualTo(new LockoutPolicy.Gate.Wait(t0.plusSeconds(2)));
		assertThat(policy.gate(4, t0, null, t0.plusSeconds(2))).isInstanceOf(LockoutPolicy.Gate.Open.class);
	}

	@Test
	void tenFailuresLockForFifteenMinutesThenTheCountStartsAgain() {
		assertThat(policy.locksAt(9)).isFalse();
		assertThat(policy.locksAt(10)).isTrue();
		Instant until = t0.plus(policy.lockDuration());
		assertThat(policy.gate(10, t0, until, t0.plus(Duration.ofMinutes(14)))).isEqualTo(new LockoutPolicy.Gate.Locked(until));
		assertThat(policy.gate(10, t0, until, until)).isInstanceOf(LockoutPolicy.Gate.Open.class);
	}

	@Test
	void inconsistentSettingsAreRefused() {
		assertThatThrownBy(() -> new LockoutPolicy(3, Duration.ofSeconds(10), Duration.ofSeconds(1), 10, Duration.ofMinutes(1)))
				.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new LockoutPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(1), 0, Duration.ofMinutes(1)))
				.isInstanceOf(IllegalArgumentException.class);
	}
}
