package io.smartvitals.server.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.AuditEvent;
import org.junit.jupiter.api.Test;

/**
 * Form posts refused for their CSRF token (the pages' chain, and the separate check on the approval
 * post) are answered 403 and leave a request-refused record, rule csrf, on the tenant's audit trail.
 */
class CsrfRefusalIT extends PeopleFixture {

	@Test
	void aLoginPostWithoutACsrfTokenIsRefusedAndOnTheTenantsTrail() throws Exception {
		People p = people("csrf-none");
		String id = "csrf-none-" + UUID.randomUUID();

		HttpResponse<String> post = browser().postWithRequestId(id, "/auth/" + p.tenant() + "/login",
				"username", "dr.okafor", "password", PASSWORD);

		assertThat(post.statusCode()).isEqualTo(403);
		assertCsrfRefusal(recorded(p.tenant(), id), "POST /auth/" + p.tenant() + "/login");
	}

	@Test
	void aLoginPostWithAWrongCsrfTokenIsRefusedAndOnTheTenantsTrail() throws Exception {
		People p = people("csrf-wrong");
		PageClient browser = browser();
		String token = PageClient.csrf(browser.get("/auth/" + p.tenant() + "/login").body());
		String id = "csrf-wrong-" + UUID.randomUUID();

		HttpResponse<String> post = browser.postWithRequestId(id, "/auth/" + p.tenant() + "/login",
				"_csrf", token + "x", "username", "dr.okafor", "password", PASSWORD);

		assertThat(post.statusCode()).isEqualTo(403);
		assertThat(browser.get("/auth/" + p.tenant() + "/launcher").statusCode()).as("not signed in").isEqualTo(303);
		assertCsrfRefusal(recorded(p.tenant(), id), "POST /auth/" + p.tenant() + "/login");
		assertThat(exported(p.tenant())).noneMatch(e -> hasAction(e, "login-success") || hasAction(e, "login-failure"));
	}

	@Test
	void anApprovalPostWithoutACsrfTokenIsRefusedAndOnTheTenantsTrail() throws Exception {
		People p = people("csrf-approve");
		PageClient browser = browser();
		browser.login(p.tenant(), "dr.okafor", PASSWORD);
		String id = "csrf-approve-" + UUID.randomUUID();

		HttpResponse<String> post = browser.postWithRequestId(id, "/auth/" + p.tenant() + "/authorize",
				"client_id", "vitals-app", "state", "s", "scope", "openid");

		assertThat(post.statusCode()).isEqualTo(403);
		assertCsrfRefusal(recorded(p.tenant(), id), "POST /auth/" + p.tenant() + "/authorize");
	}

	private static void assertCsrfRefusal(AuditEvent event, String detail) {
		assertThat(hasAction(event, "request-refused")).isTrue();
		assertThat(event.getOutcomeDesc()).contains("(HTTP 403)").contains("rule: csrf");
		assertThat(event.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo("anonymous");
		assertThat(event.getEntity()).anyMatch(e -> detail.equals(e.getDescription()));
	}

	private static boolean hasAction(AuditEvent event, String action) {
		return event.getSubtype().stream().anyMatch(c -> c.getSystem().endsWith("audit-action") && action.equals(c.getCode()));
	}

	/** Read through the admin export, which also brings in records still on their way into the chain. */
	private AuditEvent recorded(String tenant, String requestId) throws Exception {
		return exported(tenant).stream().filter(e -> requestId.equals(requestId(e))).findFirst()
				.orElseThrow(() -> new AssertionError("No audit record with request id " + requestId + " in " + tenant));
	}

	private List<AuditEvent> exported(String tenant) throws Exception {
		HttpResponse<String> response = admin("GET", "/admin/tenants/" + tenant + "/audit/export", null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-Audit-Chain")).contains("intact");
		List<AuditEvent> events = new ArrayList<>();
		for (String line : response.body().split("\n")) {
			if (!line.isBlank()) {
				events.add(FHIR.newJsonParser().parseResource(AuditEvent.class, line));
			}
		}
		return events;
	}

	private static String requestId(AuditEvent event) {
		return event.getEntity().stream()
				.filter(e -> e.getType() != null && "XrequestId".equals(e.getType().getCode()))
				.map(e -> e.getWhat().getIdentifier().getValue())
				.findFirst().orElse(null);
	}
}
