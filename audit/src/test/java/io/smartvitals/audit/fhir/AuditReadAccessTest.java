package io.smartvitals.audit.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartvitals.audit.fhir.AuditReadAccess.Need;
import org.junit.jupiter.api.Test;

class AuditReadAccessTest {

	@Test
	void systemOrUserAuditEventScopesGrantReadAndSearch() {
		assertThat(AuditReadAccess.grants("system/AuditEvent.rs", Need.SEARCH)).isTrue();
		assertThat(AuditReadAccess.grants("openid user/AuditEvent.rs", Need.READ)).isTrue();
		assertThat(AuditReadAccess.grants("system/AuditEvent.read", Need.SEARCH)).isTrue();
		assertThat(AuditReadAccess.grants("system/AuditEvent.r", Need.READ)).isTrue();
	}

	@Test
	void readOnlyScopeDoesNotGrantSearch() {
		assertThat(AuditReadAccess.grants("system/AuditEvent.r", Need.SEARCH)).isFalse();
	}

	@Test
	void wildcardPatientAndOtherTypeScopesDoNotReachAuditEvidence() {
		assertThat(AuditReadAccess.grants("system/*.rs", Need.SEARCH)).isFalse();
		assertThat(AuditReadAccess.grants("patient/AuditEvent.rs", Need.SEARCH)).isFalse();
		assertThat(AuditReadAccess.grants("system/Observation.rs", Need.SEARCH)).isFalse();
		assertThat(AuditReadAccess.grants("system/AuditEvent.rs?type=rest", Need.SEARCH)).isFalse();
		assertThat(AuditReadAccess.grants("", Need.READ)).isFalse();
	}
}
