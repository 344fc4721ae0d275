package io.smartvitals.server.people;

import static io.smartvitals.server.people.PageClient.location;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.smartvitals.smart.auth.directory.AppSummary;
import io.smartvitals.smart.auth.directory.InMemoryAppCatalog;
import io.smartvitals.smart.auth.keys.SigningKey;
import io.smartvitals.smart.auth.keys.TenantSigningKeys;
import io.smartvitals.smart.auth.launch.LaunchContext;
import io.smartvitals.smart.auth.people.PeopleComponents;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code POST /auth/{tenant}/launch} and the launcher page over HTTP. */
class LaunchApiIT extends PeopleFixture {

	private static final ObjectMapper JSON = new ObjectMapper();
	@Autowired
	PeopleComponents people;
	@Autowired
	TenantSigningKeys signingKeys;
	@Autowired
	InMemoryAppCatalog apps;
	@Autowired
	JdbcTemplate jdbc;

	private HttpResponse<String> launch(String tenant, String authorization, String body) throws Exception {
		return send("POST", root() + "/auth/" + tenant + "/launch", authorization, "application/json", body);
	}

	private String accessToken(String tenant, String scope) throws Exception {
		SigningKey key = signingKeys.signingKey(tenant).orElseThrow();
		JWTClaimsSet claims = new JWTClaimsSet.Builder()
				.issuer(root() + "/auth/" + tenant).audience(root() + "/fhir/" + tenant).subject("ehr-client")
				.claim("client_id", "ehr-client").claim("tenant", tenant).claim("scope", scope)
				.jwtID(UUID.randomUUID().toString()).issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300)))
				.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.kid()).build(), claims);
		jwt.sign(new RSASSASigner(key.jwk()));
		return jwt.serialize();
	}

	@Test
	void theOperatorCreatesASingleUseLaunchBoundToItsTenant() throws Exception {
		People a = people("launch-ok");
		People b = people("launch-ob");
		HttpResponse<String> created = launch(a.tenant(), "Bearer " + OPERATOR_TOKEN,
				"{\"patient\":\"Patient/" + a.patientId() + "\",\"encounter\":\"enc-1\",\"fhirContext\":[{\"reference\":\"Task/1\"}]}");
		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(created.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
		JsonNode body = JSON.readTree(created.body());
		String value = body.get("launch").asText();
		assertThat(body.get("expires_in").asLong()).isEqualTo(300);
		assertThat(value).hasSizeGreaterThanOrEqualTo(43);

		assertThat(people.launches().claim(b.tenant(), value, "app-1")).as("not at another tenant").isEmpty();
		LaunchContext claimed = people.launches().claim(a.tenant(), value, "app-1").orElseThrow();
		assertThat(claimed.patient()).isEqualTo(a.patientId());
		assertThat(claimed.encounter()).isEqualTo("enc-1");
		assertThat(claimed.fhirContextJson()).contains("Task/1");
		assertThat(people.launches().claim(a.tenant(), value, "app-1")).as("single use").isEmpty();
		assertThat(people.launches().claimedBy(a.tenant(), value, "app-1")).isPresent();
		assertThat(admin("GET", "/admin/tenants/" + a.tenant() + "/audit/export", null).body())
				.contains("\"launch-created\"", "Patient/" + a.patientId());
		assertThat(admin("GET", "/admin/tenants/" + b.tenant() + "/audit/export", null).body()).doesNotContain("\"launch-created\"");
	}

	@Test
	void anExpiredLaunchCannotBeClaimed() throws Exception {
		People a = people("launch-exp");
		String value = JSON.readTree(launch(a.tenant(), "Bearer " + OPERATOR_TOKEN, "{\"patient\":\"" + a.patientId() + "\"}").body())
				.get("launch").asText();
		// Stands in for five minutes passing: the row's expiry moves into the past.
		jdbc.update("UPDATE auth_launch_context SET expires_at = ? WHERE tenant_id = ?", Timestamp.from(Instant.now().minusSeconds(1)),
				a.tenant());
		assertThat(people.launches().claim(a.tenant(), value, "app-1")).isEmpty();
	}

	@Test
	void badBodiesAre400AndNothingIsStored() throws Exception {
		People a = people("launch-bad");
		People b = people("launch-bad2");
		String operator = "Bearer " + OPERATOR_TOKEN;
		for (String body : new String[] {"", "{", "[]", "{}", "{\"patient\":\"<script>\"}", "{\"patient\":\"x\",\"bogus\":1}",
				"{\"patient\":\"" + a.patientId() + "\",\"fhirContext\":\"Task/1\"}", "{\"patient\":\"no-such-patient\"}",
				"{\"patient\":\"" + b.otherPatientId() + "-x\"}"}) {
			HttpResponse<String> response = launch(a.tenant(), operator, body);
			assertThat(response.statusCode()).as(body).isEqualTo(400);
			assertThat(response.body()).contains("invalid_request").doesNotContain("<script>");
		}
		assertThat(send("POST", root() + "/auth/" + a.tenant() + "/launch", operator, "text/plain", "{\"patient\":\"x\"}").statusCode())
				.isEqualTo(415);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM auth_launch_context WHERE tenant_id = ?", Integer.class, a.tenant())).isZero();
	}

	@Test
	void aPatientOfAnotherTenantCannotBeLaunched() throws Exception {
		People a = people("launch-xa");
		People b = people("launch-xb");
		HttpResponse<String> response = launch(a.tenant(), "Bearer " + OPERATOR_TOKEN, "{\"patient\":\"" + b.patientId() + "\"}");
		assertThat(response.statusCode()).isEqualTo(400);
	}

	@Test
	void withoutAValidTokenOfTheTenant401AndWithoutTheLaunchScope403() throws Exception {
		People a = people("launch-auth");
		People b = people("launch-auth2");
		String body = "{\"patient\":\"" + a.patientId() + "\"}";
		HttpResponse<String> none = launch(a.tenant(), null, body);
		assertThat(none.statusCode()).isEqualTo(401);
		assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
		assertThat(launch(a.tenant(), "Bearer not-a-token", body).statusCode()).isEqualTo(401);
		assertThat(launch(a.tenant(), "Bearer " + accessToken(b.tenant(), "system/launch"), body).statusCode())
				.as("a token of tenant B at tenant A").isEqualTo(401);
		HttpResponse<String> noScope = launch(a.tenant(), "Bearer " + accessToken(a.tenant(), "patient/Observation.rs"), body);
		assertThat(noScope.statusCode()).isEqualTo(403);
		assertThat(noScope.body()).contains("insufficient_scope");
		assertThat(launch("no-such-tenant", "Bearer " + OPERATOR_TOKEN, body).statusCode()).isEqualTo(404);
	}

	@Test
	void theLauncherCreatesALaunchAndRedirectsToTheAppWithIssAndLaunch() throws Exception {
		People a = people("launcher");
		apps.register(a.tenant(), new AppSummary("ehr-app", "EHR Vitals", "https://app.example/launch?x=1"));
		apps.register(a.tenant(), new AppSummary("standalone-only", "Standalone", null));
		PageClient browser = browser();
		assertThat(location(browser.get("/auth/" + a.tenant() + "/launcher"))).isEqualTo("/auth/" + a.tenant() + "/login");
		browser.login(a.tenant(), "dr.okafor", PASSWORD);
		HttpResponse<String> page = browser.get("/auth/" + a.tenant() + "/launcher");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("EHR Vitals").doesNotContain("Standalone").contains("value=\"" + a.patientId() + "\"");
		assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");

		HttpResponse<String> launched = browser.submit("/auth/" + a.tenant() + "/launcher", "/auth/" + a.tenant() + "/launcher",
				"client_id", "ehr-app", "patient", a.patientId());
		assertThat(launched.statusCode()).isEqualTo(303);
		URI target = URI.create(location(launched));
		assertThat(target.getHost()).isEqualTo("app.example");
		Map<String, String> query = new HashMap<>();
		for (String pair : target.getRawQuery().split("&")) {
			String[] kv = pair.split("=", 2);
			query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
		}
		assertThat(query).containsEntry("x", "1").containsEntry("iss", root() + "/fhir/" + a.tenant());
		assertThat(people.launches().claim(a.tenant(), query.get("launch"), "ehr-app").orElseThrow().patient()).isEqualTo(a.patientId());

		HttpResponse<String> bogus = browser.submit("/auth/" + a.tenant() + "/launcher", "/auth/" + a.tenant() + "/launcher",
				"client_id", "standalone-only", "patient", a.patientId());
		assertThat(location(bogus)).isEqualTo("/auth/" + a.tenant() + "/launcher");
	}

	@Test
	void theLauncherIsForPractitionersOnly() throws Exception {
		People a = people("launcher-pat");
		PageClient browser = browser();
		browser.login(a.tenant(), "ben", PASSWORD);
		assertThat(browser.get("/auth/" + a.tenant() + "/launcher").statusCode()).isEqualTo(403);
	}
}
