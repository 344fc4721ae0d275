package io.smartvitals.smart.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RefreshTokenDigestTest {

	@Test
	void aRotatedRefreshTokenIsRememberedByA64CharacterDigestThatFitsItsColumn() {
		String digest = TenantScopedAuthorizationService.refreshTokenDigest("x".repeat(300));
		assertThat(digest).hasSize(64).matches("[0-9a-f]{64}");
		assertThat(TenantScopedAuthorizationService.refreshTokenDigest("a")).isNotEqualTo(TenantScopedAuthorizationService.refreshTokenDigest("b"));
	}
}
