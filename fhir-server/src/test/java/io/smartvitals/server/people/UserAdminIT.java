package io.smartvitals.server.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** {@code /admin/tenants/{tenant}/users} and {@code /auth-policy} over HTTP. */
class UserAdminIT extends PeopleFixture {

	@Test
	void usersAreCreatedListedAndReadWithoutHashesOrSecrets() throws Exception {
		String tenant = createTenant(uniqueTenantId("users"));
		HttpResponse<String> created = admin("POST", "/admin/tenants/" + tenant + "/users",
				"{\"username\":\"Nurse.Joy\",\"password\":\"" + PASSWORD + "\",\"fhirUser\":\"Practitioner/n1\",\"kind\":\"practitioner\",\"tenantWide\":true}");
		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(created.body()).contains("\"username\":\"nurse.joy\"").contains("\"fhirUser\":\"Practitioner/n1\"")
				.contains("\"kind\":\"practitioner\"").contains("\"tenantWide\":true").contains("\"mfaEnrolled\":false")
				.doesNotContain("password").doesNotContain("bcrypt").doesNotContain(PASSWORD).doesNotContain("totp");
		assertThat(admin("GET", "/admin/tenants/" + tenant + "/users", null).body()).contains("nurse.joy").doesNotContain("bcrypt");
		assertThat(admin("GET", "/admin/tenants/" + tenant + "/users/nurse.joy", null).statusCode()).isEqualTo(200);
		assertThat(admin("GET", "/admin/tenants/" + tenant + "/users/nobody", null).statusCode()).isEqualTo(404);
	}

	@Test
	void duplicatesAreConflictsAndBadInput400() throws Exception {
		String tenant = createTenant(uniqueTenantId("users-bad"));
		String body = "{\"username\":\"pat\",\"password\":\"" + PASSWORD + "\",\"fhirUser\":\"Patient/p1\",\"kind\":\"patient\"}";
		assertThat(admin("POST", "/admin/tenants/" + tenant + "/users", body).statusCode()).isEqualTo(201);
		assertThat(admin("POST", "/admin/tenants/" + tenant + "/users", body).statusCode()).isEqualTo(409);
		for (String bad : new String[] {"{}", "{\"username\":\"x1\",\"password\":\"short\",\"fhirUser\":\"Patient/p\",\"kind\":\"patient\"}",
				"{\"username\":\"x2\",\"password\":\"" + PASSWORD + "\",\"fhirUser\":\"Practitioner/p\",\"kind\":\"patient\"}",
				"{\"username\":\"x3\",\"password\":\"" + PASSWORD + "\",\"fhirUser\":\"http://evil/fhir/Patient/p\",\"kind\":\"patient\"}",
				"{\"username\":\"x4\",\"password\":\"" + PASSWORD + "\",\"fhirUser\":\"Patient/p\",\"kind\":\"patient\",\"tenantWide\":true}"}) {
			HttpResponse<String> response = admin("POST", "/admin/tenants/" + tenant + "/users", bad);
			assertThat(response.statusCode()).as(bad).isEqualTo(400);
		}
		assertThat(admin("GET", "/admin/tenants/" + tenant + "/users", null).body()).doesNotContain("x1").doesNotContain("x2");
		assertThat(admin("POST", "/admin/tenants/no-such-tenant/users", body).statusCode()).isEqualTo(404);
	}

	@Test
	void aDisabledUserCannotLogIn() throws Exception {
		People p = people("users-dis");
		assertThat(admin("POST", "/admin/tenants/" + p.tenant() + "/users/ben/disable", null).body()).contains("\"disabled\":true");
		PageClient browser = browser();
		assertThat(PageClient.location(browser.login(p.tenant(), "ben", PASSWORD))).endsWith("/login");
		assertThat(browser.get("/auth/" + p.tenant() + "/login").body()).contains("Wrong username or password.");
	}

	@Test
	void theAuthPolicyIsReadAndChangedPerTenant() throws Exception {
		String a = createTenant(uniqueTenantId("policy-a"));
		String b = createTenant(uniqueTenantId("policy-b"));
		assertThat(admin("GET", "/admin/tenants/" + a + "/auth-policy", null).body()).isEqualTo("{\"mfaRequired\":false}");
		assertThat(admin("PUT", "/admin/tenants/" + a + "/auth-policy", "{\"mfaRequired\":true}").body()).isEqualTo("{\"mfaRequired\":true}");
		assertThat(admin("GET", "/admin/tenants/" + a + "/auth-policy", null).body()).isEqualTo("{\"mfaRequired\":true}");
		assertThat(admin("GET", "/admin/tenants/" + b + "/auth-policy", null).body()).isEqualTo("{\"mfaRequired\":false}");
		assertThat(admin("PUT", "/admin/tenants/" + a + "/auth-policy", "{}").statusCode()).isEqualTo(400);
	}

	@Test
	void theUserApiNeedsTheOperatorToken() throws Exception {
		String tenant = createTenant(uniqueTenantId("users-op"));
		assertThat(send("GET", root() + "/admin/tenants/" + tenant + "/users", null, null, null).statusCode()).isEqualTo(401);
		assertThat(send("POST", root() + "/admin/tenants/" + tenant + "/users", "Bearer wrong", "application/json", "{}").statusCode())
				.isEqualTo(401);
	}
}
