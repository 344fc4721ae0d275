package io.smartvitals.smart.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RefreshScopeSpellingTest {

	private static final Set<String> GRANTED = Set.of("launch/patient", "patient/Observation.rs", "user/Patient.read", "openid");

	@Test
	void theOtherSpellingOfAGrantedScopeBecomesTheGrantedOne() {
		assertThat(RefreshScopeSpelling.grantedSpelling("patient/Observation.read", GRANTED)).isEqualTo("patient/Observation.rs");
		assertThat(RefreshScopeSpelling.grantedSpelling("user/Patient.rs", GRANTED)).isEqualTo("user/Patient.read");
	}

	@Test
	void anythingWiderOrDifferentIsLeftAsAsked() {
		assertThat(RefreshScopeSpelling.grantedSpelling("patient/Observation.write", GRANTED)).isEqualTo("patient/Observation.write");
		assertThat(RefreshScopeSpelling.grantedSpelling("patient/Observation.*", GRANTED)).isEqualTo("patient/Observation.*");
		assertThat(RefreshScopeSpelling.grantedSpelling("user/Observation.read", GRANTED)).isEqualTo("user/Observation.read");
		assertThat(RefreshScopeSpelling.grantedSpelling("patient/*.read", GRANTED)).isEqualTo("patient/*.read");
		assertThat(RefreshScopeSpelling.grantedSpelling("patient/Observation.r", GRANTED)).isEqualTo("patient/Observation.r");
		assertThat(RefreshScopeSpelling.grantedSpelling("not a scope", GRANTED)).isEqualTo("not a scope");
	}
}
