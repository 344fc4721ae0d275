package io.smartvitals.interceptors.enforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EnforcementSwitchTest {

	@Test
	void turningEnforcementOffWithoutTheExplicitFlagIsRefused() {
		assertThatThrownBy(() -> EnforcementSwitch.check(false, false)).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("allow-disabling");
	}

	@Test
	void offWithTheFlagAndOnAreAccepted() {
		assertThat(EnforcementSwitch.check(false, true)).isFalse();
		assertThat(EnforcementSwitch.check(true, false)).isTrue();
	}
}
