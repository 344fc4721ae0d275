package io.smartvitals.conformance.smart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import io.smartvitals.conformance.smart.SmartTenant.Client;
import io.smartvitals.conformance.smart.TokenEndpoint.Answer;
import io.smartvitals.conformance.support.Http;
import io.smartvitals.conformance.support.PostgresSuite;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, identity lifecycle: disabling, locking or taking access away from a user, a client or
 * a tenant ends every token issued before, within one second, at the FHIR API, at {@code /token}
 * (refresh) and at {@code /introspect}. Every token here comes from {@code /token}; the time from
 * the admin call's answer to the first refusal is measured with a clock, never waited for.
 */
class IdentityLifecycleIT extends PostgresSuite {

	static final String SCOPE = "launch/patient openid fhirUser offline_access patient/*.rs";
	static final Duration WITHIN = Duration.ofSeconds(1);

	/** A user token with its refresh token, and the URL of a resource it may read. */
	private record UserTokens(String access, String refresh, String readable) {
		String bearer() {
			return "Bearer " + access;
		}
	}

	private static UserTokens userTokens(SmartTenant tenant, Client client) {
		JsonNode tokens = TokenRefreshIT.authorized(tenant, client, SCOPE);
		UserTokens user = new UserTokens(tokens.get("access_token").asText(), tokens.get("refresh_token").asText(),
				tenant.base() + "/Patient/" + tokens.get("patient").asText());
		assertThat(Http.get(user.readable(), user.bearer()).statusCode()).as("works before the change").isEqualTo(200);
		return user;
	}

	private static String backendToken(SmartTenant tenant) {
		Answer token = TokenEndpoint.clientCredentials(tenant, tenant.backend, "system/Patient.rs");
		assertThat(token.status()).as(token.toString()).isEqualTo(200);
		assertThat(Http.get(tenant.base() + "/Patient/" + tenant.patient, "Bearer " + token.text("access_token")).statusCode())
				.as("backend token works before the change").isEqualTo(200);
		return token.text("access_token");
	}

	/** Time from now until {@code url} refuses {@code bearer} with 401; fails after five seconds. */
	private static Duration untilRefused(String url, String bearer) {
		long start = System.nanoTime();
		while (true) {
			int status = Http.get(url, bearer).statusCode();
			Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
			if (status == 401) {
				return elapsed;
			}
			assertThat(status).as("only 200 until refused").isEqualTo(200);
			assertThat(elapsed).as("still answered 200 after %s", elapsed).isLessThan(Duration.ofSeconds(5));
		}
	}

	private static void refusedEverywhere(SmartTenant tenant, UserTokens user) {
		assertThat(untilRefused(user.readable(), user.bearer())).as("refused at the FHIR API").isLessThan(WITHIN);
		Answer refreshed = TokenEndpoint.refresh(tenant, tenant.symmetricApp, user.refresh(), null);
		assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(400);
		assertThat(refreshed.text("error")).isEqualTo("invalid_grant");
		assertThat(refreshed.header("Cache-Control")).hasValue("no-store");
		inactive(tenant, user.access());
		inactive(tenant, user.refresh());
	}

	private static void inactive(SmartTenant tenant, String token) {
		Answer answer = TokenEndpoint.post(tenant, tenant.symmetricApp, "introspect", "token", token);
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertThat(answer.json().get("active").asBoolean()).as("introspection of a revoked token: %s", answer.body()).isFalse();
	}

	private static void admin(SmartTenant tenant, String method, String path) {
		tenant.admin(method, "/admin/tenants/" + tenant.id + path, null, 200);
	}

	@Test
	@DisplayName("a disabled user's access and refresh tokens are refused at the FHIR API within 1 s, at /token and at /introspect")
	void disabledUser() {
		SmartTenant tenant = SmartTenant.create(server, "life-user");
		UserTokens user = userTokens(tenant, tenant.symmetricApp);
		admin(tenant, "POST", "/users/" + SmartTenant.PRACTITIONER_USER + "/disable");
		refusedEverywhere(tenant, user);
	}

	@Test
	@DisplayName("an administrator's lock and an MFA reset end the user's tokens; the other user's tokens keep working")
	void lockAndMfaReset() {
		SmartTenant tenant = SmartTenant.create(server, "life-lock");
		UserTokens practitioner = userTokens(tenant, tenant.symmetricApp);
		AuthorizationFlow patientFlow = new AuthorizationFlow(tenant, tenant.symmetricApp, SCOPE).as(SmartTenant.PATIENT_USER);
		AuthorizationFlow.Outcome outcome = patientFlow.run();
		assertThat(outcome.issuedCode()).as(outcome.toString()).isTrue();
		JsonNode patientTokens = TokenEndpoint.exchange(patientFlow, outcome.code()).json();
		String patientBearer = "Bearer " + patientTokens.get("access_token").asText();
		String own = tenant.base() + "/Patient/" + tenant.patient;

		admin(tenant, "POST", "/users/" + SmartTenant.PRACTITIONER_USER + "/lock");
		refusedEverywhere(tenant, practitioner);
		assertThat(Http.get(own, patientBearer).statusCode()).as("another user's token is untouched").isEqualTo(200);

		admin(tenant, "POST", "/users/" + SmartTenant.PATIENT_USER + "/reset-mfa");
		assertThat(untilRefused(own, patientBearer)).isLessThan(WITHIN);
		inactive(tenant, patientTokens.get("refresh_token").asText());
	}

	@Test
	@DisplayName("removing the auditor role ends the tokens that carried audit scopes")
	void auditorRoleRemoved() {
		SmartTenant tenant = SmartTenant.create(server, "life-role");
		tenant.admin("PUT", "/admin/tenants/" + tenant.id + "/users/" + SmartTenant.PRACTITIONER_USER + "/roles/auditor", null, 200);
		UserTokens user = userTokens(tenant, tenant.symmetricApp);
		tenant.admin("DELETE", "/admin/tenants/" + tenant.id + "/users/" + SmartTenant.PRACTITIONER_USER + "/roles/auditor", null, 200);
		refusedEverywhere(tenant, user);
	}

	@Test
	@DisplayName("a disabled client's backend and user tokens are refused within 1 s; it gets no new token")
	void disabledClient() {
		SmartTenant tenant = SmartTenant.create(server, "life-client");
		String backend = backendToken(tenant);
		UserTokens user = userTokens(tenant, tenant.symmetricApp);
		admin(tenant, "POST", "/clients/" + tenant.backend.id() + "/disable");
		admin(tenant, "POST", "/clients/" + tenant.symmetricApp.id() + "/disable");
		assertThat(untilRefused(tenant.base() + "/Patient/" + tenant.patient, "Bearer " + backend)).isLessThan(WITHIN);
		assertThat(untilRefused(user.readable(), user.bearer())).isLessThan(WITHIN);
		Answer again = TokenEndpoint.clientCredentials(tenant, tenant.backend, "system/Patient.rs");
		assertThat(again.status()).as(again.toString()).isEqualTo(401);
		assertThat(again.text("error")).isEqualTo("invalid_client");
	}

	@Test
	@DisplayName("a disabled EHR client's token no longer creates launches (the launch API checks the same revocations)")
	void disabledEhrClientLaunchesNothing() {
		SmartTenant tenant = SmartTenant.create(server, "life-launch");
		Answer token = TokenEndpoint.clientCredentials(tenant, tenant.backend, "system/Patient.rs system/launch");
		assertThat(token.status()).as(token.toString()).isEqualTo(200);
		String bearer = "Bearer " + token.text("access_token");
		Map<String, String> headers = Map.of("Authorization", bearer, "Content-Type", "application/json");
		String body = "{\"patient\":\"" + tenant.patient + "\"}";
		assertThat(Http.send("POST", tenant.issuer() + "/launch", headers, body).statusCode()).isEqualTo(201);
		admin(tenant, "POST", "/clients/" + tenant.backend.id() + "/disable");
		assertThat(untilRefused(tenant.base() + "/Patient/" + tenant.patient, bearer)).isLessThan(WITHIN);
		HttpResponse<String> refused = Http.send("POST", tenant.issuer() + "/launch", headers, body);
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
	}

	@Test
	@DisplayName("a suspended tenant's tokens are refused within 1 s and stay refused after it resumes; new tokens work")
	void suspendedTenant() {
		SmartTenant tenant = SmartTenant.create(server, "life-tenant");
		String backend = backendToken(tenant);
		UserTokens user = userTokens(tenant, tenant.symmetricApp);
		String patientUrl = tenant.base() + "/Patient/" + tenant.patient;
		long start = System.nanoTime();
		tenant.admin("POST", "/admin/tenants/" + tenant.id + "/suspend", null, 200);
		while (Http.get(patientUrl, "Bearer " + backend).statusCode() == 200) {
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		}
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("refused while suspended").isLessThan(WITHIN);
		assertThat(TokenEndpoint.clientCredentials(tenant, tenant.backend, "system/Patient.rs").status()).isEqualTo(404);

		tenant.admin("POST", "/admin/tenants/" + tenant.id + "/resume", null, 200);
		// Resumed at once on this node; tokens issued before the suspension are refused with 401 within 1 s of it.
		while (Http.get(patientUrl, "Bearer " + backend).statusCode() != 401) {
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("old token still answered after resume").isLessThan(WITHIN);
		}
		long resumed = System.nanoTime();
		String fresh = null;
		// New tokens work once issued in a later second than the suspension (iat has whole seconds).
		while (fresh == null || Http.get(patientUrl, "Bearer " + fresh).statusCode() != 200) {
			Answer answer = TokenEndpoint.clientCredentials(tenant, tenant.backend, "system/Patient.rs");
			assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
			fresh = answer.text("access_token");
			assertThat(Duration.ofNanos(System.nanoTime() - resumed)).isLessThan(Duration.ofSeconds(3));
		}
		assertThat(Http.get(patientUrl, "Bearer " + backend).statusCode()).as("issued before the suspension").isEqualTo(401);
		assertThat(Http.get(user.readable(), user.bearer()).statusCode()).isEqualTo(401);
		Answer refreshed = TokenEndpoint.refresh(tenant, tenant.symmetricApp, user.refresh(), null);
		assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(400);
		inactive(tenant, user.access());
	}

	@Test
	@DisplayName("no token outlives its client: a token's exp is at most the client's expiry")
	void tokenEndsWithItsClient() throws Exception {
		SmartTenant tenant = SmartTenant.create(server, "life-expiry");
		Instant expiresAt = Instant.now().plusSeconds(120);
		Client shortLived = tenant.register("short-lived", "confidential-asymmetric", List.of("backend"),
				List.of("system/Patient.rs"), SmartTenant.newKey("short-key"), expiresAt);
		Answer token = TokenEndpoint.clientCredentials(tenant, shortLived, "system/Patient.rs");
		assertThat(token.status()).as(token.toString()).isEqualTo(200);
		Instant exp = SignedJWT.parse(token.text("access_token")).getJWTClaimsSet().getExpirationTime().toInstant();
		assertThat(exp).isBeforeOrEqualTo(expiresAt);
		assertThat(token.json().get("expires_in").asLong()).isLessThanOrEqualTo(120);
	}
}
