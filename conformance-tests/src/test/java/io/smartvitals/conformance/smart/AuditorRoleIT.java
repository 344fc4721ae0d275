package io.smartvitals.conformance.smart;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartvitals.conformance.smart.SmartTenant.Client;
import io.smartvitals.conformance.smart.TokenEndpoint.Answer;
import io.smartvitals.conformance.support.Http;
import io.smartvitals.conformance.support.PostgresSuite;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A user-facing app reads the tenant's audit trail only for a user holding the tenant's auditor
 * role: for anyone else the AuditEvent scope is dropped at approval, whatever the app asked.
 */
class AuditorRoleIT extends PostgresSuite {

	private static final String SCOPE = "openid fhirUser user/Observation.rs user/AuditEvent.rs";
	private static SmartTenant tenant;
	private static Client auditApp;

	@BeforeAll
	static void tenant() {
		tenant = SmartTenant.create(server, "auditor");
		List<String> scopes = new ArrayList<>(SmartTenant.APP_SCOPES);
		scopes.add("user/AuditEvent.rs");
		auditApp = tenant.register("audit-app", "confidential-symmetric", List.of("standalone"), scopes, null);
	}

	private static Answer signInAndExchange() {
		AuthorizationFlow flow = new AuthorizationFlow(tenant, auditApp, SCOPE);
		String code = flow.run().code();
		assertThat(code).isNotNull();
		Answer answer = TokenEndpoint.exchange(flow, code);
		assertThat(answer.status()).as("%s", answer).isEqualTo(200);
		return answer;
	}

	private static int auditSearch(Answer token) {
		HttpResponse<String> response = Http.send("GET", tenant.base() + "/AuditEvent?_count=5",
				Map.of("Accept", "application/fhir+json", "Authorization", "Bearer " + token.text("access_token")), null);
		return response.statusCode();
	}

	private static void role(String method) {
		tenant.admin(method, "/admin/tenants/" + tenant.id + "/users/" + SmartTenant.PRACTITIONER_USER + "/roles/auditor", null, 200);
	}

	@Test
	void onlyAnAuditorIsGrantedTheAuditTrail() {
		Answer plain = signInAndExchange();
		assertThat(StandaloneLaunchIT.words(plain.text("scope"))).contains("user/Observation.rs").doesNotContain("user/AuditEvent.rs");
		assertThat(auditSearch(plain)).isEqualTo(403);

		role("PUT");
		Answer auditor = signInAndExchange();
		assertThat(StandaloneLaunchIT.words(auditor.text("scope"))).contains("user/AuditEvent.rs");
		assertThat(auditSearch(auditor)).isEqualTo(200);

		role("DELETE");
		Answer revoked = signInAndExchange();
		assertThat(StandaloneLaunchIT.words(revoked.text("scope"))).doesNotContain("user/AuditEvent.rs");
		assertThat(auditSearch(revoked)).isEqualTo(403);

		HttpResponse<String> trail = Http.send("GET", server.root() + "/admin/tenants/" + tenant.id + "/audit/export",
				Map.of("Authorization", "Bearer " + io.smartvitals.conformance.support.RunningServer.OPERATOR_TOKEN), null);
		assertThat(trail.body()).contains("user-role-granted").contains("user-role-revoked");
	}

	@Test
	void anUnknownRoleOrUserIsRefused() {
		HttpResponse<String> unknownRole = Http.send("PUT", server.root() + "/admin/tenants/" + tenant.id + "/users/"
				+ SmartTenant.PRACTITIONER_USER + "/roles/superuser", Map.of("Authorization", "Bearer "
				+ io.smartvitals.conformance.support.RunningServer.OPERATOR_TOKEN), null);
		assertThat(unknownRole.statusCode()).isEqualTo(400);
		HttpResponse<String> unknownUser = Http.send("PUT", server.root() + "/admin/tenants/" + tenant.id
				+ "/users/nobody-here/roles/auditor", Map.of("Authorization", "Bearer "
				+ io.smartvitals.conformance.support.RunningServer.OPERATOR_TOKEN), null);
		assertThat(unknownUser.statusCode()).isEqualTo(404);
	}
}
