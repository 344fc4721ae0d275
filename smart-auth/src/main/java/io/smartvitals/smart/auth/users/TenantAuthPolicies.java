package io.smartvitals.smart.auth.users;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.JdbcTemplate;

/** Each tenant's login policy ({@code auth_tenant_policy}); no row means MFA is not required. */
public class TenantAuthPolicies {

	private final JdbcTemplate jdbc;
	private final Clock clock;

	public TenantAuthPolicies(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public record AuthPolicy(boolean mfaRequired) {}

	public AuthPolicy policy(String tenant) {
		return jdbc.query("SELECT mfa_required FROM auth_tenant_policy WHERE tenant_id = ?",
						(rs, row) -> new AuthPolicy(rs.getBoolean(1)), tenant)
				.stream().findFirst().orElse(new AuthPolicy(false));
	}

	public AuthPolicy update(String tenant, AuthPolicy policy) {
		Timestamp now = Timestamp.from(clock.instant());
		int updated = jdbc.update("UPDATE auth_tenant_policy SET mfa_required = ?, updated_at = ? WHERE tenant_id = ?",
				policy.mfaRequired(), now, tenant);
		if (updated == 0) {
			jdbc.update("INSERT INTO auth_tenant_policy (tenant_id, mfa_required, updated_at) VALUES (?, ?, ?)", tenant,
					policy.mfaRequired(), now);
		}
		return policy(tenant);
	}
}
