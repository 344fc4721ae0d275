package io.smartvitals.audit.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LogContextTest {

	@AfterEach
	void clear() {
		LogContext.clear();
	}

	@Test
	void tenantOfEachTenantPath() {
		assertThat(TenantPath.segment("/fhir/general/Patient/1")).isEqualTo("general");
		assertThat(TenantPath.segment("/auth/general/token")).isEqualTo("general");
		assertThat(TenantPath.segment("/admin/tenants/general/users")).isEqualTo("general");
		assertThat(TenantPath.segment("/admin/tenants")).isNull();
		assertThat(TenantPath.segment("/actuator/health")).isNull();
	}

	@Test
	void onlyPlainIdentifiersAreLoggedVerbatim() {
		LogContext.tenantOfPath("/fhir/general%0Afake-line/Patient");
		assertThat(MDC.get(LogContext.TENANT)).isEqualTo("(invalid)");
		LogContext.client("client\nwith newline");
		assertThat(MDC.get(LogContext.CLIENT)).isNull();
		LogContext.client("demo-backend");
		assertThat(MDC.get(LogContext.CLIENT)).isEqualTo("demo-backend");
		LogContext.clear();
		assertThat(MDC.get(LogContext.CLIENT)).isNull();
	}
}
