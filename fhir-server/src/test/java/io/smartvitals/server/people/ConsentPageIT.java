package io.smartvitals.server.people;

import static io.smartvitals.server.people.PageClient.location;
import static org.assertj.core.api.Assertions.assertThat;

import io.smartvitals.smart.auth.directory.AppSummary;
import io.smartvitals.smart.auth.directory.InMemoryAppCatalog;
import io.smartvitals.smart.auth.people.PeopleComponents;
import io.smartvitals.smart.auth.users.UserRole;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The approval page over HTTP: who may see it, what it shows, how it escapes, what the form posts. */
class ConsentPageIT extends PeopleFixture {

	@Autowired
	InMemoryAppCatalog apps;

	@Autowired
	PeopleComponents people;

	private String consentUrl(String tenant, String clientId, String scope, String state) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("client_id", clientId);
		query.put("scope", scope);
		query.put("state", state);
		return "/auth/" + tenant + "/consent?" + PageClient.query(query);
	}

	@Test
	void aPractitionerSeesTheAppEveryScopeInWordsAVitalsChoiceAndAPatientPicker() throws Exception {
		People p = people("consent-pr");
		apps.register(p.tenant(), new AppSummary("vitals-app", "Vitals Viewer", "https://app.example/launch"));
		PageClient browser = browser();
		browser.login(p.tenant(), "dr.okafor", PASSWORD);
		HttpResponse<String> page = browser.get(consentUrl(p.tenant(), "vitals-app",
				"launch/patient openid fhirUser offline_access patient/Observation.rs", "sas-state-1"));
		assertThat(page.statusCode()).isEqualTo(200);
		String html = page.body();
		assertThat(html).contains("Vitals Viewer").contains("Ask which patient to work with when it starts")
				.contains("Confirm to the app that it is you who signed in")
				.contains("Read and search observations (vital signs, lab results and other measurements) of the patient");
		assertThat(html).contains("<form method=\"post\" action=\"/auth/" + p.tenant() + "/authorize\" id=\"consent-form\">")
				.contains("name=\"_csrf\"").contains("name=\"client_id\" value=\"vitals-app\"")
				.contains("name=\"state\" value=\"sas-state-1\"")
				.contains("type=\"checkbox\" name=\"scope\" id=\"scope-2\" value=\"openid\" checked")
				.contains("type=\"radio\" name=\"scope\" id=\"scope-5-all\" value=\"patient/Observation.rs\" checked")
				.contains("value=\"patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs\"")
				.contains("id=\"patient-picker\"")
				.contains("name=\"patient\" required value=\"" + p.patientId() + "\"")
				.contains("name=\"patient\" required value=\"" + p.otherPatientId() + "\"")
				.contains("name=\"decision\" value=\"approve\"").contains("name=\"decision\" value=\"deny\" formnovalidate");
		assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("frame-ancestors 'none'"));
		assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
		assertThat(page.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
		assertThat(page.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

		String searched = browser.get(consentUrl(p.tenant(), "vitals-app", "launch/patient patient/Observation.rs", "s")
				+ "&patient_name=Chen").body();
		assertThat(searched).contains("value=\"" + p.otherPatientId() + "\"").doesNotContain("value=\"" + p.patientId() + "\"");
	}

	@Test
	void theAuditTrailIsOfferedOnlyToTheTenantsAuditors() throws Exception {
		People p = people("consent-au");
		apps.register(p.tenant(), new AppSummary("audit-app", "Audit Viewer", null));
		PageClient browser = browser();
		browser.login(p.tenant(), "dr.okafor", PASSWORD);
		String url = consentUrl(p.tenant(), "audit-app", "openid user/AuditEvent.rs", "s");
		assertThat(browser.get(url).body()).contains("needs the organization's auditor role")
				.doesNotContain("value=\"user/AuditEvent.rs\" checked");

		people.users().grantRole(p.tenant(), "dr.okafor", UserRole.AUDITOR);
		assertThat(browser.get(url).body()).contains("value=\"user/AuditEvent.rs\" checked").doesNotContain("auditor role");
	}

	@Test
	void aPatientUserGetsTheirOwnRecordAndNoPicker() throws Exception {
		People p = people("consent-pa");
		apps.register(p.tenant(), new AppSummary("vitals-app", "Vitals Viewer", null));
		PageClient browser = browser();
		browser.login(p.tenant(), "ben", PASSWORD);
		String html = browser.get(consentUrl(p.tenant(), "vitals-app", "launch/patient patient/Observation.rs", "s")).body();
		assertThat(html).doesNotContain("patient-picker").doesNotContain("name=\"patient\"")
				.contains("id=\"own-record\"").as("raw resource ids are hidden from people").doesNotContain(p.patientId());
	}

	@Test
	void valuesFromTheRequestAreEscapedNeverReflectedAsMarkup() throws Exception {
		People p = people("consent-xss");
		String evilClient = "app\"><script>alert(1)</script>";
		apps.register(p.tenant(), new AppSummary(evilClient, "<img src=x onerror=alert(2)>", null));
		PageClient browser = browser();
		browser.login(p.tenant(), "dr.okafor", PASSWORD);
		HttpResponse<String> page = browser.get(consentUrl(p.tenant(), evilClient,
				"openid <b>bold</b> patient/Observation.rs?x=\"><script>", "\"><script>alert(3)</script>"));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).doesNotContain("<script").doesNotContain("<img").doesNotContain("<b>")
				.contains("&lt;img src=x onerror=alert(2)&gt;").contains("&quot;&gt;&lt;script&gt;alert(3)");

		HttpResponse<String> missing = browser.get("/auth/" + p.tenant() + "/consent?client_id=%3Cscript%3E&scope=openid");
		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(missing.body()).doesNotContain("<script").contains("invalid_request");
		HttpResponse<String> unknownApp = browser.get(consentUrl(p.tenant(), "<script>unknown", "openid", "s"));
		assertThat(unknownApp.statusCode()).isEqualTo(400);
		assertThat(unknownApp.body()).doesNotContain("<script").contains("invalid_client");
		HttpResponse<String> duplicated = browser.get(consentUrl(p.tenant(), evilClient, "openid", "s") + "&state=other");
		assertThat(duplicated.statusCode()).isEqualTo(400);
	}

	@Test
	void withoutALoginOfThisTenantTheConsentPageSendsToTheLoginAndAnotherTenantsAppIsUnknown() throws Exception {
		People a = people("consent-a");
		People b = people("consent-b");
		apps.register(a.tenant(), new AppSummary("app-a", "App of A", null));
		PageClient browser = browser();
		HttpResponse<String> anonymous = browser.get(consentUrl(a.tenant(), "app-a", "openid", "s"));
		assertThat(anonymous.statusCode()).isEqualTo(303);
		assertThat(location(anonymous)).isEqualTo("/auth/" + a.tenant() + "/login");

		browser.login(b.tenant(), "dr.okafor", PASSWORD);
		assertThat(location(browser.get(consentUrl(a.tenant(), "app-a", "openid", "s")))).isEqualTo("/auth/" + a.tenant() + "/login");
		HttpResponse<String> appOfA = browser.get(consentUrl(b.tenant(), "app-a", "openid", "s"));
		assertThat(appOfA.statusCode()).isEqualTo(400);
		assertThat(appOfA.body()).contains("invalid_client");
	}
}
