package io.smartvitals.interceptors.bulk;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExportLimitsTest {

	@Test
	void capIsPerTenantWithADefault() {
		ExportLimits limits = new ExportLimits(2, Map.of("big", 5));
		assertThatCode(() -> limits.admit("small", 1, 2)).doesNotThrowAnyException();
		assertThatThrownBy(() -> limits.admit("small", 2, 2)).isInstanceOf(ExportRefusal.class).hasMessageContaining("at most 2");
		assertThatCode(() -> limits.admit("big", 4, 2)).doesNotThrowAnyException();
	}

	@Test
	void ownerBindsTenantAndClient() {
		ExportOwner owner = new ExportOwner("a", "c1");
		org.assertj.core.api.Assertions.assertThat(owner.owns(new ExportOwner("a", "c1"))).isTrue();
		org.assertj.core.api.Assertions.assertThat(owner.owns(new ExportOwner("a", "c2"))).isFalse();
		org.assertj.core.api.Assertions.assertThat(owner.owns(new ExportOwner("b", "c1"))).isFalse();
		org.assertj.core.api.Assertions.assertThat(owner.owns(null)).isFalse();
	}
}
