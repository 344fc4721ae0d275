package io.smartvitals.conformance.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartvitals.conformance.support.Http;
import io.smartvitals.conformance.support.PostgresSuite;
import io.smartvitals.server.storage.TenantRowScope;
import io.smartvitals.server.storage.TenantScopedDataSource;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Issue 20, the second wall: through the server's own {@link TenantScopedDataSource} (the
 * wrapper of its pool, here over a connection of the server's role), a query with no tenant condition at all, run as a request of tenant A would run it, sees only A's rows of our
 * tenant-keyed tables, and an unscoped UPDATE touches only A's. The server's own threads (no
 * tenant) see every tenant. PostgreSQL exempts superusers from policies, so this suite needs the
 * server to connect as an ordinary role; {@code .ci/run} does, and sets VITALS_TEST_REQUIRE_RLS
 * so that it fails rather than skips.
 */
class RowLevelSecurityIT extends PostgresSuite {

	private static JdbcTemplate jdbc;
	private static String a;
	private static String b;

	@BeforeAll
	static void twoTenants() {
		// The server's own wrapper over a pool of the server's role: it sets vitals.tenant at checkout.
		var db = server.database();
		jdbc = new JdbcTemplate(TenantScopedDataSource.forRequests(
				new DriverManagerDataSource(db.url(), db.user(), db.password() == null ? "" : db.password())));
		boolean bypass = Boolean.TRUE.equals(jdbc.queryForObject(
				"select rolsuper or rolbypassrls from pg_roles where rolname = current_user", Boolean.class));
		if (bypass) {
			System.err.println("\n##  ROW-LEVEL-SECURITY SUITE: the test database role bypasses policies (superuser);"
					+ " run with an ordinary role as .ci/run does\n");
		}
		Assumptions.assumeFalse(bypass && !"true".equals(System.getenv("VITALS_TEST_REQUIRE_RLS")), "an ordinary database role");
		assertThat(bypass).as("the server's database role must not bypass row-level security").isFalse();
		assertThat(server.output()).as("the server checked its role at start").contains("Row-level security applies");
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		a = Http.createTenant(server, "rls-a-" + suffix);
		b = Http.createTenant(server, "rls-b-" + suffix);
	}

	private static List<String> tenantsSeen(String tenant, String table, String column) {
		return TenantRowScope.within(tenant,
				() -> jdbc.queryForList("select distinct " + column + " from " + table, String.class));
	}

	@Test
	@DisplayName("SELECT without WHERE, as a request of A: only A's rows of every wall table; as B only B's")
	void unscopedSelectSeesOneTenant() {
		assertThat(tenantsSeen(a, "auth_signing_key", "tenant_id")).as("signing keys as A").containsExactly(a);
		assertThat(tenantsSeen(b, "auth_signing_key", "tenant_id")).as("signing keys as B").containsExactly(b);
		for (String table : new String[] {"audit_record", "audit_outbox", "audit_chain_head", "auth_revoked_principal", "bulk_export_file"}) {
			String column = table.equals("bulk_export_file") ? "tenant" : "tenant_id";
			assertThat(tenantsSeen(a, table, column)).as(table + " as A").allMatch(a::equals);
		}
		assertThat(jdbc.queryForList("select tenant_id from audit_record union select tenant_id from audit_outbox", String.class))
				.as("other tenants' audit rows exist, unseen by A").isNotEmpty().anyMatch(t -> !t.equals(a));
		// Tables A has no rows in yet are empty to it, whatever others hold.
		assertThat(tenantsSeen(a, "auth_client", "tenant_id")).doesNotContain(b);
		assertThat(tenantsSeen("general-hospital\t", "auth_signing_key", "tenant_id")).as("a padded tenant id sees nothing").isEmpty();
	}

	@Test
	@DisplayName("UPDATE without WHERE, as a request of A: touches A's rows only")
	void unscopedUpdateTouchesOneTenant() {
		int ofA = TenantRowScope.within(a, () -> jdbc.queryForObject("select count(*) from auth_signing_key", Integer.class));
		int all = jdbc.queryForObject("select count(*) from auth_signing_key", Integer.class);
		assertThat(all).as("the server's own scope sees every tenant").isGreaterThan(ofA);
		int updated = TenantRowScope.within(a, () -> jdbc.update("update auth_signing_key set created_at = created_at"));
		assertThat(updated).isEqualTo(ofA);
	}

	@Test
	@DisplayName("the server's own threads (no request tenant) see every tenant: the chainer and sweeps keep working")
	void serverScopeSeesAll() {
		assertThat(jdbc.queryForList("select distinct tenant_id from auth_signing_key", String.class)).contains(a, b);
	}
}
