package io.smartvitals.conformance.smart;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartvitals.conformance.smart.SmartTenant.Client;
import io.smartvitals.conformance.smart.TokenEndpoint.Answer;
import io.smartvitals.conformance.support.Http;
import io.smartvitals.conformance.support.PostgresSuite;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 19: a wildcard scope never reaches the audit trail. {@code system/*.rs} and
 * {@code user/*.rs} read every clinical type but not AuditEvent; audit access needs the scope by
 * name, registered for the client (and the auditor role for users).
 */
class WildcardAuditScopeIT extends PostgresSuite {

	private static SmartTenant tenant;
	private static Client wildcardBackend;
	private static Client wildcardApp;

	@BeforeAll
	static void tenant() {
		tenant = SmartTenant.create(server, "wild-audit");
		wildcardBackend = tenant.register("wildcard-backend", "confidential-asymmetric", List.of("backend"),
				List.of("system/*.rs"), SmartTenant.newKey("wild-key"));
		List<String> scopes = new ArrayList<>(SmartTenant.APP_SCOPES);
		scopes.add("user/*.rs");
		wildcardApp = tenant.register("wildcard-app", "confidential-symmetric", List.of("standalone"), scopes, null);
		tenant.admin("PUT", "/admin/tenants/" + tenant.id + "/users/" + SmartTenant.PRACTITIONER_USER + "/roles/auditor", null, 200);
	}

	@Test
	@DisplayName("a client registered with system/*.rs is refused system/AuditEvent.rs with invalid_scope")
	void wildcardCeilingDoesNotCoverAudit() {
		Answer answer = TokenEndpoint.clientCredentials(tenant, wildcardBackend, "system/AuditEvent.rs");
		assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
		assertThat(answer.text("error")).isEqualTo("invalid_scope");
		assertThat(answer.header("Cache-Control")).hasValue("no-store");
	}

	@Test
	@DisplayName("a system/*.rs token reads Patient but is refused AuditEvent (search and read)")
	void systemWildcardTokenDoesNotReadAudit() {
		Answer token = TokenEndpoint.clientCredentials(tenant, wildcardBackend, "system/*.rs");
		assertThat(token.status()).as(token.toString()).isEqualTo(200);
		String bearer = "Bearer " + token.text("access_token");
		assertThat(Http.get(tenant.base() + "/Patient/" + tenant.patient, bearer).statusCode()).isEqualTo(200);
		assertThat(Http.get(tenant.base() + "/AuditEvent?_count=5", bearer).statusCode()).isEqualTo(403);
		assertThat(Http.get(tenant.base() + "/AuditEvent/any-id", bearer).statusCode()).isEqualTo(403);
	}

	@Test
	@DisplayName("an auditor signed in with user/*.rs only is refused AuditEvent")
	void userWildcardTokenDoesNotReadAudit() {
		AuthorizationFlow flow = new AuthorizationFlow(tenant, wildcardApp, "openid fhirUser user/*.rs");
		String code = flow.run().code();
		assertThat(code).isNotNull();
		Answer token = TokenEndpoint.exchange(flow, code);
		assertThat(token.status()).as(token.toString()).isEqualTo(200);
		String bearer = "Bearer " + token.text("access_token");
		assertThat(Http.get(tenant.base() + "/Observation?_count=1", bearer).statusCode()).isEqualTo(200);
		assertThat(Http.get(tenant.base() + "/AuditEvent?_count=5", bearer).statusCode()).isEqualTo(403);
	}
}
