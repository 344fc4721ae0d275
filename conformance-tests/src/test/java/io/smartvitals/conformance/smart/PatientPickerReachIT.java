package io.smartvitals.conformance.smart;

import io.smartvitals.conformance.support.Browser;
import static org.assertj.core.api.Assertions.assertThat;

import io.smartvitals.conformance.smart.AuthorizationFlow.Outcome;
import io.smartvitals.conformance.support.PostgresSuite;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The approval page's patient picker, its search, the launcher and the posted {@code patient} offer
 * a practitioner only the patients their user/ scopes reach: dr.sim works at clinic one, so the
 * clinic-two patient is neither listed nor accepted, and no code or launch is made for them.
 */
class PatientPickerReachIT extends PostgresSuite {

	private static final String SCOPE = "launch/patient openid fhirUser patient/*.rs";
	private static SmartTenant tenant;

	@BeforeAll
	static void tenant() {
		tenant = SmartTenant.create(server, "picker");
	}

	@Test
	void theApprovalPageListsOnlyPatientsInReach() {
		Browser browser = new Browser(server.root());
		AuthorizationFlow flow = new AuthorizationFlow(tenant, tenant.publicApp, SCOPE).in(browser);
		Outcome outcome = flow.run();
		assertThat(outcome.issuedCode()).as(outcome.toString()).isTrue();
		assertThat(flow.approvalPage).contains("value=\"" + tenant.patient + "\"").doesNotContain(tenant.otherPatient);
		// Searching by the other patient's name finds nothing.
		String search = tenant.issuer() + "/consent?client_id=" + tenant.publicApp.id() + "&scope="
				+ URLEncoder.encode(SCOPE, StandardCharsets.UTF_8) + "&state=s1&patient_name=Quinn";
		HttpResponse<String> found = browser.get(search);
		assertThat(found.statusCode()).isEqualTo(200);
		assertThat(found.body()).contains("No patient matches").doesNotContain(tenant.otherPatient);
	}

	@Test
	void aPostedPatientOutsideReachGetsNoCode() {
		Outcome outside = new AuthorizationFlow(tenant, tenant.publicApp, SCOPE).pickingPatient(tenant.otherPatient).run();
		assertThat(outside.issuedCode()).as(outside.toString()).isFalse();
		Outcome inside = new AuthorizationFlow(tenant, tenant.publicApp, SCOPE).pickingPatient(tenant.patient).run();
		assertThat(inside.issuedCode()).as(inside.toString()).isTrue();
	}

	@Test
	void theLauncherOffersAndLaunchesOnlyPatientsInReach() {
		Browser browser = new Browser(server.root());
		String loginCsrf = Browser.csrf(browser.get(tenant.issuer() + "/login").body());
		browser.post(tenant.issuer() + "/login", "_csrf", loginCsrf, "username", SmartTenant.PRACTITIONER_USER, "password", SmartTenant.PASSWORD);
		String launcher = browser.get(tenant.issuer() + "/launcher").body();
		assertThat(launcher).contains(tenant.patient).doesNotContain(tenant.otherPatient);
		assertThat(browser.get(tenant.issuer() + "/launcher?patient_name=Quinn").body()).doesNotContain(tenant.otherPatient);
		HttpResponse<String> refused = browser.post(tenant.issuer() + "/launcher", "_csrf", Browser.csrf(launcher),
				"client_id", tenant.publicApp.id(), "patient", tenant.otherPatient);
		assertThat(URI.create(Browser.location(refused)).getPath()).isEqualTo("/auth/" + tenant.id + "/launcher");
		HttpResponse<String> launched = browser.post(tenant.issuer() + "/launcher", "_csrf", Browser.csrf(launcher),
				"client_id", tenant.publicApp.id(), "patient", tenant.patient);
		assertThat(Browser.location(launched)).startsWith("https://app.example/launch?");
	}

	@Test
	void thePatientSearchSitsInTheApprovalFormAfterTheScopesAndTheButtonsAreNamed() {
		AuthorizationFlow flow = new AuthorizationFlow(tenant, tenant.publicApp, SCOPE);
		assertThat(flow.run().issuedCode()).isTrue();
		String html = flow.approvalPage;
		int form = html.indexOf("id=\"consent-form\"");
		int formEnd = html.indexOf("</form>", form);
		int lastScope = html.lastIndexOf("name=\"scope\"", formEnd);
		int search = html.indexOf("name=\"patient_name\"");
		int picked = html.indexOf("name=\"patient\"");
		assertThat(search).as("search inside the approval form, after the scopes").isGreaterThan(lastScope).isLessThan(formEnd);
		assertThat(picked).isGreaterThan(lastScope).isLessThan(formEnd);
		assertThat(html.substring(form, formEnd)).contains("name=\"decision\" value=\"approve\"").contains("name=\"decision\" value=\"deny\"");
	}

	@Test
	void aScriptedDenyWithTheScopesStillCheckedIssuesNoCode() {
		Browser browser = new Browser(server.root());
		AuthorizationFlow flow = new AuthorizationFlow(tenant, tenant.publicApp, SCOPE).in(browser).denying();
		Outcome denied = flow.run();
		assertThat(denied.issuedCode()).as(denied.toString()).isFalse();
		assertThat(denied.query()).as(denied.toString()).containsEntry("error", "access_denied");
	}
}
