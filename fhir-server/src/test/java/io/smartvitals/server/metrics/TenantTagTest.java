package io.smartvitals.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class TenantTagTest {

	private final Set<String> existing = Set.of("a", "b", "c");

	@Test
	void existingTenantsUpToTheBoundThenOtherUnknownIdsNeverALabel() {
		TenantTag tag = new TenantTag(existing::contains, 2);
		assertThat(tag.of("a")).isEqualTo("a");
		assertThat(tag.of("b")).isEqualTo("b");
		assertThat(tag.of("c")).as("past the bound").isEqualTo(TenantTag.OTHER);
		assertThat(tag.of("a")).as("a tagged tenant keeps its label").isEqualTo("a");
		assertThat(tag.of("sprayed-123")).isEqualTo(TenantTag.UNKNOWN);
		assertThat(tag.of(null)).isEqualTo(TenantTag.NONE);
	}

	@Test
	void uriTemplatesHaveNoIdsAndOnlyKnownAuthEndpoints() {
		assertThat(ServerRequestTags.uri("/fhir/general/Patient/123")).isEqualTo("/fhir/{tenant}");
		assertThat(ServerRequestTags.uri("/auth/general/token")).isEqualTo("/auth/{tenant}/token");
		assertThat(ServerRequestTags.uri("/auth/general/" + "x".repeat(40))).isEqualTo("/auth/{tenant}/other");
		assertThat(ServerRequestTags.uri("/auth/general")).isEqualTo("/auth/{tenant}");
		assertThat(ServerRequestTags.uri("/admin/tenants")).isNull();
	}
}
