package io.smartvitals.conformance.smart;

import io.smartvitals.conformance.support.Browser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartvitals.conformance.smart.AuthorizationFlow.Outcome;
import io.smartvitals.conformance.smart.TokenEndpoint.Answer;
import io.smartvitals.conformance.support.Http;
import io.smartvitals.conformance.support.PostgresSuite;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * CHECKLIST "EHR launch" E1-E4: the EHR (a backend client holding {@code system/launch}) creates a
 * launch through {@code POST /auth/{tenant}/launch}; the app brings it to the authorize endpoint.
 */
class EhrLaunchIT extends PostgresSuite {

	private static final ObjectMapper JSON = new ObjectMapper();
	static final String SCOPE = "launch openid fhirUser patient/*.rs";
	private static SmartTenant tenant;
	private static SmartTenant other;

	@BeforeAll
	static void tenants() {
		tenant = SmartTenant.create(server, "ehr");
		other = SmartTenant.create(server, "ehr-other");
	}

	/** What the EHR does: a backend token with system/launch, then the launch API; answers the launch JSON. */
	static JsonNode createLaunch(SmartTenant at, String patient, String encounter) throws IOException {
		Answer token = TokenEndpoint.clientCredentials(at, at.backend, "system/launch");
		assertThat(token.status()).as("backend token with system/launch: %s", token).isEqualTo(200);
		assertThat(token.text("scope")).isEqualTo("system/launch");
		String body = "{\"patient\":\"" + patient + "\"" + (encounter == null ? "" : ",\"encounter\":\"" + encounter + "\"") + "}";
		HttpResponse<String> created = Http.send("POST", at.issuer() + "/launch",
				Map.of("Authorization", "Bearer " + token.text("access_token"), "Content-Type", "application/json"), body);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return JSON.readTree(created.body());
	}

	private static String launch(SmartTenant at) throws IOException {
		return createLaunch(at, at.patient, at.encounter).get("launch").asText();
	}

	@Test
	@DisplayName("E1 a launch made through the launch API reaches the app as iss={base} and launch")
	void e1LaunchReachesTheAppAsIssAndLaunch() throws IOException {
		JsonNode created = createLaunch(tenant, tenant.patient, tenant.encounter);
		assertThat(created.get("launch").asText()).hasSizeGreaterThanOrEqualTo(43);
		assertThat(created.get("iss").asText()).isEqualTo(tenant.base());

		// The EHR's launcher page does the same for a signed-in practitioner and sends the browser to the app.
		Browser browser = new Browser(server.root());
		String loginCsrf = Browser.csrf(browser.get(tenant.issuer() + "/login").body());
		browser.post(tenant.issuer() + "/login", "_csrf", loginCsrf, "username", SmartTenant.PRACTITIONER_USER, "password", SmartTenant.PASSWORD);
		String csrf = Browser.csrf(browser.get(tenant.issuer() + "/launcher").body());
		HttpResponse<String> launched = browser.post(tenant.issuer() + "/launcher", "_csrf", csrf, "client_id", tenant.publicApp.id(),
				"patient", tenant.patient);
		URI app = URI.create(Browser.location(launched));
		assertThat(app.toString()).startsWith("https://app.example/launch?");
		Map<String, String> query = new Outcome(launched, app).query();
		assertThat(query).containsEntry("iss", tenant.base()).containsKey("launch");
		Outcome outcome = new AuthorizationFlow(tenant, tenant.publicApp, SCOPE).with("launch", query.get("launch")).run();
		assertThat(outcome.issuedCode()).as(outcome.toString()).isTrue();
	}

	private static void launchContextInTheTokenResponse(AuthorizationFlow flow) throws IOException {
		Outcome outcome = flow.run();
		assertThat(outcome.issuedCode()).as(outcome.toString()).isTrue();
		assertThat(outcome.query()).containsEntry("state", flow.state());
		Answer answer = TokenEndpoint.exchange(flow, outcome.code());
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		JsonNode body = answer.json();
		assertThat(body.get("patient").asText()).isEqualTo(tenant.patient);
		assertThat(body.get("encounter").asText()).isEqualTo(tenant.encounter);
		String bearer = "Bearer " + body.get("access_token").asText();
		assertThat(Http.get(tenant.base() + "/Patient/" + tenant.patient, bearer).statusCode()).isEqualTo(200);
		assertThat(Http.get(tenant.base() + "/Encounter/" + tenant.encounter, bearer).statusCode()).isEqualTo(200);
		assertThat(body.has("need_patient_banner")).isTrue();
		HttpResponse<String> style = Http.send("GET", body.get("smart_style_url").asText(), Map.of("Authorization", Http.NO_TOKEN), null);
		assertThat(style.statusCode()).isEqualTo(200);
		assertThat(style.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
		JSON.readTree(style.body());
	}

	@Test
	@DisplayName("E2 scope launch with the launch value (GET, public client) gives patient, encounter, banner and style")
	void e2LaunchContextByGet() throws IOException {
		launchContextInTheTokenResponse(new AuthorizationFlow(tenant, tenant.publicApp, SCOPE).with("launch", launch(tenant)));
	}

	@Test
	@DisplayName("E2 the same as a form POST by a confidential symmetric client")
	void e2LaunchContextByPostSymmetric() throws IOException {
		launchContextInTheTokenResponse(new AuthorizationFlow(tenant, tenant.symmetricApp, SCOPE).with("launch", launch(tenant)).asFormPost());
	}

	@Test
	@DisplayName("E3 an unknown launch issues no code")
	void e3UnknownLaunch() {
		Outcome outcome = new AuthorizationFlow(tenant, tenant.publicApp, SCOPE).with("launch", "no-such-launch-value").run();
		assertThat(outcome.issuedCode()).as(outcome.toString()).isFalse();
	}

	@Test
	@DisplayName("E3 an expired launch issues no code")
	void e3ExpiredLaunch() throws Exception {
		String launch = launch(tenant);
		expireLaunchesOf(tenant.id);
		Outcome outcome = new AuthorizationFlow(tenant, tenant.publicApp, SCOPE).with("launch", launch).run();
		assertThat(outcome.issuedCode()).as(outcome.toString()).isFalse();
	}

	@Test
	@DisplayName("E3 an already used launch issues no second code (same client, or another)")
	void e3UsedLaunch() throws IOException {
		String launch = launch(tenant);
		Outcome first = new AuthorizationFlow(tenant, tenant.publicApp, SCOPE).with("launch", launch).run();
		assertThat(first.issuedCode()).as(first.toString()).isTrue();
		Outcome again = new AuthorizationFlow(tenant, tenant.publicApp, SCOPE).with("launch", launch).run();
		assertThat(again.issuedCode()).as(again.toString()).isFalse();
		Outcome byOther = new AuthorizationFlow(tenant, tenant.symmetricApp, SCOPE).with("launch", launch).run();
		assertThat(byOther.issuedCode()).as(byOther.toString()).isFalse();
	}

	@Test
	@DisplayName("E4 a launch of tenant A used at tenant B's authorize endpoint issues no code")
	void e4LaunchOfAnotherTenant() throws IOException {
		String launchOfA = launch(tenant);
		Outcome atB = new AuthorizationFlow(other, other.publicApp, SCOPE).with("launch", launchOfA).run();
		assertThat(atB.issuedCode()).as(atB.toString()).isFalse();
		Outcome atA = new AuthorizationFlow(tenant, tenant.publicApp, SCOPE).with("launch", launchOfA).run();
		assertThat(atA.issuedCode()).as("still usable where it was made: %s", atA).isTrue();
	}

	/** Stands in for the launch lifetime passing: the server's own rows move into the past. */
	private static void expireLaunchesOf(String tenantId) throws SQLException {
		var db = server.database();
		try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
				PreparedStatement update = c.prepareStatement("UPDATE auth_launch_context SET expires_at = ? WHERE tenant_id = ?")) {
			update.setTimestamp(1, Timestamp.from(Instant.now().minusSeconds(1)));
			update.setString(2, tenantId);
			update.executeUpdate();
		}
	}
}
