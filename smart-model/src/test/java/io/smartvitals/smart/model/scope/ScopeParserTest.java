package io.smartvitals.smart.model.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScopeParserTest {

	@Test
	void v1ReadMeansReadAndSearchAndWriteMeansCreateUpdateDelete() {
		ScopeSet scopes = ScopeParser.parse("patient/Observation.read user/Patient.write system/*.*");
		assertThat(scopes.resourceScopes()).extracting(ResourceScope::permissions).containsExactly(
				EnumSet.of(Permission.READ, Permission.SEARCH),
				EnumSet.of(Permission.CREATE, Permission.UPDATE, Permission.DELETE),
				EnumSet.allOf(Permission.class));
		assertThat(scopes.resourceScopes().get(2).covers("Consent")).isTrue();
	}

	@Test
	void v2PermissionsAreLettersInCrudsOrder() {
		ResourceScope scope = ScopeParser.parse("patient/Observation.rs").resourceScopes().get(0);
		assertThat(scope.context()).isEqualTo(ScopeContext.PATIENT);
		assertThat(scope.resourceType()).isEqualTo("Observation");
		assertThat(scope.permissions()).containsExactlyInAnyOrder(Permission.READ, Permission.SEARCH);
		assertThat(scope.isGranular()).isFalse();
		assertThat(ScopeParser.parse("user/Patient.cruds").resourceScopes().get(0).permissions()).hasSize(5);
	}

	@Test
	void granularScopesKeepTheirDecodedQuery() {
		ResourceScope scope = ScopeParser.parse(
				"patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category%7Cvital-signs")
				.resourceScopes().get(0);
		assertThat(scope.query()).isEqualTo(Map.of("category",
				List.of("http://terminology.hl7.org/CodeSystem/observation-category|vital-signs")));
		assertThat(scope.isGranular()).isTrue();
		assertThat(scope.text()).startsWith("patient/Observation.rs?category=");
	}

	@Test
	void nonResourceScopesAreKeptAsTheyAre() {
		ScopeSet scopes = ScopeParser.parse("openid fhirUser launch launch/patient offline_access  patient/Patient.r");
		assertThat(scopes.otherScopes()).containsExactlyInAnyOrder("openid", "fhirUser", "launch", "launch/patient", "offline_access");
		assertThat(scopes.has("launch/patient")).isTrue();
		assertThat(scopes.resourceScopes()).hasSize(1);
	}

	@Test
	void systemLaunchIsTheLaunchApiScopeNotAResourceScope() {
		ScopeSet scopes = ScopeParser.parse("system/launch system/Patient.rs");
		assertThat(scopes.otherScopes()).containsExactly("system/launch");
		assertThat(scopes.resourceScopes()).extracting(ResourceScope::text).containsExactly("system/Patient.rs");
		assertThatThrownBy(() -> ScopeParser.parse("system/launch.rs")).isInstanceOf(InvalidScopeException.class);
		assertThatThrownBy(() -> ScopeParser.parse("patient/launch")).isInstanceOf(InvalidScopeException.class);
	}

	@Test
	void emptyOrMissingScopeIsAnEmptySet() {
		assertThat(ScopeParser.parse(null).resourceScopes()).isEmpty();
		assertThat(ScopeParser.parse("   ").otherScopes()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = {"patient/Observation.sr", "patient/Observation.rr", "patient/Observation.x", "patient/Observation.",
		"patient/observation.rs", "clinic/Observation.rs", "patient/Observation", "patient/Observation.rs?", "patient/Observation.rs?category",
		"patient/Observation.rs?=x", "patient/Observation.READ", "<script>", "patient/Obs ervation.rs"})
	void malformedScopesAreRefusedNotIgnored(String scope) {
		assertThatThrownBy(() -> ScopeParser.parse(scope)).isInstanceOf(InvalidScopeException.class);
	}

	@Test
	void thousandsOfScopesAreRefused() {
		assertThatThrownBy(() -> ScopeParser.parse("openid ".repeat(1000))).isInstanceOf(InvalidScopeException.class);
	}
}
