package io.smartvitals.smart.auth.login;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PostLoginRedirectTest {

	@Test
	void aSavedRequestOfTheSameTenantIsResumedAsPathAndQuery() {
		assertThat(PostLoginRedirect.target("tenant-a", "http://localhost:8080/auth/tenant-a/consent?client_id=x&scope=a%20b&continue"))
				.isEqualTo("/auth/tenant-a/consent?client_id=x&scope=a%20b&continue");
		assertThat(PostLoginRedirect.target("tenant-a", "https://evil.example/auth/tenant-a/authorize?x=1"))
				.as("the host is dropped, so the redirect stays on this server")
				.isEqualTo("/auth/tenant-a/authorize?x=1");
		assertThat(PostLoginRedirect.target("tenant-a", "//evil.example/auth/tenant-a/x")).isEqualTo("/auth/tenant-a/x");
	}

	@Test
	void withoutASavedRequestLoginGoesToTheLauncher() {
		assertThat(PostLoginRedirect.target("tenant-a", null)).isEqualTo("/auth/tenant-a/launcher");
	}

	@ParameterizedTest
	@ValueSource(strings = {
		"http://localhost/auth/tenant-b/consent?client_id=x",
		"http://localhost/fhir/tenant-a/Patient",
		"https://evil.example/",
		"http://localhost/auth/tenant-a/../tenant-b/consent",
		"http://localhost/auth/tenant-a/%2e%2e/tenant-b/consent",
		"http://localhost/auth/tenant-a//evil.example",
		"http://localhost/auth/tenant-a/login",
		"http://localhost/auth/tenant-a/mfa/enrol",
		"http://localhost/auth/tenant-a-2/consent",
		"not a url at all"
	})
	void anythingOutsideThisTenantsAuthPathsFallsBackToTheLauncher(String saved) {
		assertThat(PostLoginRedirect.target("tenant-a", saved)).isEqualTo("/auth/tenant-a/launcher");
	}
}
