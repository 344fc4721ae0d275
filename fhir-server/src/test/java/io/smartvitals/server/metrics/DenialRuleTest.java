package io.smartvitals.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DenialRuleTest {

	@Test
	void ruleTextsFallIntoTheirFamily() {
		assertThat(DenialRule.of("invalid_token: revoked")).isEqualTo(DenialRule.TOKEN);
		assertThat(DenialRule.of("PractitionerRole is access-defining: tenant administration only")).isEqualTo(DenialRule.ACCESS_DEFINING);
		assertThat(DenialRule.of("Patient/1 has not consented to this client")).isEqualTo(DenialRule.CONSENT);
		assertThat(DenialRule.of("no scope grants read of AuditEvent")).isEqualTo(DenialRule.SCOPE);
		assertThat(DenialRule.of("batch of 1001 entries, at most 1000")).isEqualTo(DenialRule.BUNDLE);
		assertThat(DenialRule.of(null)).isEqualTo(DenialRule.OTHER);
		assertThat(DenialRule.of("something new")).isEqualTo(DenialRule.OTHER);
	}
}
