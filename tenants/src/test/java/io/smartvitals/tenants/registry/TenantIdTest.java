package io.smartvitals.tenants.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantIdTest {

	@ParameterizedTest
	@ValueSource(strings = {"abc", "general-hospital", "sunrise-clinic", "a1-b2-c3", "0123456789012345678901234567890123456789"})
	void lowerCaseLettersDigitsAndDashesFrom3To40AreTenantIds(String id) {
		assertThat(new TenantId(id).value()).isEqualTo(id);
		assertThat(TenantId.isWellFormed(id)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = {"", "ab", "DEFAULT", "General-Hospital", " general-hospital", "general-hospital ", "a/b", "..",
		"a%2Fb", "a.b", "a_b", "01234567890123456789012345678901234567890", "<script>"})
	void anythingElseIsRefused(String id) {
		assertThat(TenantId.isWellFormed(id)).isFalse();
		assertThatThrownBy(() -> new TenantId(id)).isInstanceOf(TenantId.InvalidTenantIdException.class);
	}

	@ParameterizedTest
	@ValueSource(strings = {"x"})
	void nullIsRefused(String ignored) {
		assertThat(TenantId.isWellFormed(null)).isFalse();
		assertThatThrownBy(() -> new TenantId(null)).isInstanceOf(TenantId.InvalidTenantIdException.class);
	}
}
