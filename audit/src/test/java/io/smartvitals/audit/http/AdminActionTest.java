package io.smartvitals.audit.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartvitals.audit.record.AuditAction;
import org.junit.jupiter.api.Test;

class AdminActionTest {

	@Test
	void tenantCreationNamesTheCreatedTenantFromLocation() {
		assertThat(AdminAction.classify("POST", "/admin/tenants", 201, "/admin/tenants/north-clinic"))
				.isEqualTo(new AdminAction(AuditAction.TENANT_CREATED, "north-clinic"));
	}

	@Test
	void refusedTenantCreationIsAnAdminRequestWithoutTenant() {
		assertThat(AdminAction.classify("POST", "/admin/tenants", 409, null))
				.isEqualTo(new AdminAction(AuditAction.ADMIN_REQUEST, null));
	}

	@Test
	void auditorRoleChangesAreNamed() {
		assertThat(AdminAction.classify("PUT", "/admin/tenants/t-1/users/dr.a/roles/auditor", 200, null))
				.isEqualTo(new AdminAction(AuditAction.USER_ROLE_GRANTED, "t-1"));
		assertThat(AdminAction.classify("DELETE", "/admin/tenants/t-1/users/dr.a/roles/auditor", 200, null).action())
				.isEqualTo(AuditAction.USER_ROLE_REVOKED);
		assertThat(AdminAction.classify("GET", "/admin/tenants/t-1/users/dr.a/roles/auditor", 200, null).action())
				.isEqualTo(AuditAction.ADMIN_REQUEST);
	}

	@Test
	void clientRegistrationChangesAreNamed() {
		assertThat(AdminAction.classify("POST", "/admin/tenants/t-1/clients", 201, null).action()).isEqualTo(AuditAction.CLIENT_CREATED);
		assertThat(AdminAction.classify("POST", "/admin/tenants/t-1/clients/app/disable", 200, null).action()).isEqualTo(AuditAction.CLIENT_DISABLED);
		assertThat(AdminAction.classify("POST", "/admin/tenants/t-1/clients/app/rotate-secret", 200, null).action())
				.isEqualTo(AuditAction.CLIENT_SECRET_ROTATED);
		assertThat(AdminAction.classify("PUT", "/admin/tenants/t-1/clients/app", 200, null).action()).isEqualTo(AuditAction.CLIENT_CHANGED);
		assertThat(AdminAction.classify("GET", "/admin/tenants/t-1/clients/app", 200, null).action()).isEqualTo(AuditAction.ADMIN_REQUEST);
		assertThat(AdminAction.classify("GET", "/admin/tenants/t-1/clients", 200, null).action()).isEqualTo(AuditAction.ADMIN_REQUEST);
	}

	@Test
	void statusChangesKeyRotationAndAuditCallsAreNamed() {
		assertThat(AdminAction.classify("POST", "/admin/tenants/t-1/suspend", 200, null).action()).isEqualTo(AuditAction.TENANT_SUSPENDED);
		assertThat(AdminAction.classify("POST", "/admin/tenants/t-1/resume", 200, null).action()).isEqualTo(AuditAction.TENANT_RESUMED);
		assertThat(AdminAction.classify("POST", "/admin/tenants/t-1/keys/rotate", 201, null).action()).isEqualTo(AuditAction.KEY_ROTATED);
		assertThat(AdminAction.classify("POST", "/admin/tenants/t-1/audit/purge", 200, null).action()).isEqualTo(AuditAction.AUDIT_PURGED);
		assertThat(AdminAction.classify("PUT", "/admin/tenants/t-1/audit/retention", 200, null).action())
				.isEqualTo(AuditAction.AUDIT_RETENTION_CHANGED);
		assertThat(AdminAction.classify("GET", "/admin/tenants/t-1/audit/export", 200, null).action()).isEqualTo(AuditAction.AUDIT_EXPORTED);
		assertThat(AdminAction.classify("GET", "/admin/tenants/t-1", 200, null))
				.isEqualTo(new AdminAction(AuditAction.ADMIN_REQUEST, "t-1"));
	}
}
