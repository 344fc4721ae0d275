package io.smartvitals.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartvitals.server.ServerOverHttp;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantAdminApiIT extends ServerOverHttp {

	@Test
	void adminApiWithoutTokenIs401WithBearerChallenge() throws Exception {
		HttpResponse<String> response = send("GET", root() + "/admin/tenants", null, null, null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
		assertThat(response.body()).contains("\"error\":\"invalid_token\"");
	}

	@Test
	void adminApiWithWrongTokenIs401() throws Exception {
		HttpResponse<String> response = send("GET", root() + "/admin/tenants", "Bearer " + OPERATOR_TOKEN + "x", null, null);
		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void operatorCreatesListsGetsSuspendsAndResumesATenant() throws Exception {
		String id = uniqueTenantId("adm");
		HttpResponse<String> created = admin("POST", "/admin/tenants", "{\"id\":\"" + id + "\",\"displayName\":\"Admin Test\",\"plan\":\"gold\"}");
		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(created.headers().firstValue("Location")).hasValue("/admin/tenants/" + id);
		assertThat(created.body()).contains("\"status\":\"active\"", "\"plan\":\"gold\"", "\"fhirBase\":\"/fhir/" + id + "\"");

		assertThat(admin("GET", "/admin/tenants", null).body()).contains("\"id\":\"" + id + "\"");
		assertThat(admin("GET", "/admin/tenants/" + id, null).body()).contains("\"displayName\":\"Admin Test\"");

		assertThat(get(base(id) + "/Patient").statusCode()).isEqualTo(200);

		HttpResponse<String> suspended = admin("POST", "/admin/tenants/" + id + "/suspend", null);
		assertThat(suspended.body()).contains("\"status\":\"suspended\"");
		HttpResponse<String> refused = get(base(id) + "/Patient");
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("OperationOutcome", "suspended");
		assertThat(get(base(id) + "/metadata").statusCode()).isEqualTo(403);

		assertThat(admin("POST", "/admin/tenants/" + id + "/resume", null).body()).contains("\"status\":\"active\"");
		assertThat(get(base(id) + "/Patient").statusCode()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = {"General-Hospital", "DEFAULT", "ab", " padded ", "a/b", "..", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "dot.ted"})
	void malformedTenantIdsAreRefusedWith400(String id) throws Exception {
		HttpResponse<String> response = admin("POST", "/admin/tenants", "{\"id\":\"" + id + "\"}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("invalid_request");
	}

	@Test
	void creatingAnExistingTenantIs409() throws Exception {
		String id = createTenant(uniqueTenantId("dup"));
		assertThat(admin("POST", "/admin/tenants", "{\"id\":\"" + id + "\"}").statusCode()).isEqualTo(409);
	}

	@Test
	void malformedJsonIs400() throws Exception {
		HttpResponse<String> response = admin("POST", "/admin/tenants", "{\"id\":");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("invalid_request");
	}

	@Test
	void unknownTenantIs404InTheAdminApi() throws Exception {
		assertThat(admin("GET", "/admin/tenants/no-such-tenant", null).statusCode()).isEqualTo(404);
		assertThat(admin("POST", "/admin/tenants/no-such-tenant/suspend", null).statusCode()).isEqualTo(404);
		assertThat(admin("GET", "/admin/tenants/NOT..VALID", null).statusCode()).isEqualTo(404);
	}

	@ParameterizedTest
	@ValueSource(strings = {"no-such-tenant", "DEFAULT", "General-Hospital", "x"})
	void unknownTenantAtTheFhirBaseIs404WithOperationOutcome(String tenant) throws Exception {
		HttpResponse<String> response = get(root() + "/fhir/" + tenant + "/Patient");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("\"resourceType\":\"OperationOutcome\"");
		assertThat(get(root() + "/fhir/" + tenant + "/metadata").statusCode()).isEqualTo(404);
	}

	@Test
	void eachTenantServesItsOwnCapabilityStatementWithoutResourceCounts() throws Exception {
		String id = createTenant(uniqueTenantId("cap"));
		HttpResponse<String> response = get(base(id) + "/metadata");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"resourceType\":\"CapabilityStatement\"", "Observation")
				.doesNotContain("resourceCount");
	}

	@ParameterizedTest
	@ValueSource(strings = {"$get-resource-counts", "$expunge", "$reindex", "$mark-all-resources-for-reindex", "$graphql"})
	void serverMaintenanceOperationsAreRefused(String operation) throws Exception {
		String id = createTenant(uniqueTenantId("ops"));
		HttpResponse<String> response = send("POST", base(id) + "/" + operation, null, "application/fhir+json",
				"{\"resourceType\":\"Parameters\"}");
		assertThat(response.statusCode()).isIn(403, 404);
		assertThat(response.body()).contains("OperationOutcome");
	}
}
