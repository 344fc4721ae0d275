package io.smartvitals.conformance.smart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smartvitals.conformance.smart.AuthorizationFlow.Outcome;
import io.smartvitals.conformance.smart.SmartTenant.Client;
import io.smartvitals.conformance.smart.TokenEndpoint.Answer;
import io.smartvitals.conformance.support.Http;
import io.smartvitals.conformance.support.PostgresSuite;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** CHECKLIST "Standalone launch" S1-S11, for public, confidential symmetric and asymmetric clients, over HTTP. */
class StandaloneLaunchIT extends PostgresSuite {

	static final String SCOPE = "launch/patient openid fhirUser offline_access patient/*.rs";
	private static SmartTenant tenant;

	@BeforeAll
	static void tenant() {
		tenant = SmartTenant.create(server, "standalone");
	}

	static Stream<String> clientTypes() {
		return Stream.of("public", "confidential-symmetric", "confidential-asymmetric");
	}

	private static Client client(String type) {
		return switch (type) {
			case "public" -> tenant.publicApp;
			case "confidential-symmetric" -> tenant.symmetricApp;
			default -> tenant.asymmetricApp;
		};
	}

	private static Outcome authorized(AuthorizationFlow flow) {
		Outcome outcome = flow.run();
		assertThat(outcome.issuedCode()).as("a code for %s", outcome).isTrue();
		return outcome;
	}

	static Set<String> words(String text) {
		return text == null ? Set.of() : Arrays.stream(text.trim().split(" +")).collect(Collectors.toSet());
	}

	@ParameterizedTest(name = "S1 GET authorization request ends at redirect_uri with code and state ({0})")
	@MethodSource("clientTypes")
	void s1AuthorizationRequestByGet(String type) {
		AuthorizationFlow flow = new AuthorizationFlow(tenant, client(type), SCOPE);
		Outcome outcome = authorized(flow);
		assertThat(outcome.redirect().toString()).startsWith(SmartTenant.REDIRECT_URI + "?");
		assertThat(outcome.query()).containsEntry("state", flow.state());
	}

	@ParameterizedTest(name = "S1 form-POST authorization request ends at redirect_uri with code and state ({0})")
	@MethodSource("clientTypes")
	void s1AuthorizationRequestByPost(String type) {
		AuthorizationFlow flow = new AuthorizationFlow(tenant, client(type), SCOPE).asFormPost();
		Outcome outcome = authorized(flow);
		assertThat(outcome.query()).containsEntry("state", flow.state());
	}

	@ParameterizedTest(name = "S2 S3 S4 S5 token response of a {0} client")
	@MethodSource("clientTypes")
	void s2TokenResponse(String type) {
		AuthorizationFlow flow = new AuthorizationFlow(tenant, client(type), SCOPE);
		String code = authorized(flow).code();
		// A public client is a page in a browser: its token request comes with an Origin.
		Answer answer = type.equals("public")
				? TokenEndpoint.postRaw(tenant.tokenUrl(), java.util.Map.of("Origin", "https://app.example"), "grant_type", "authorization_code",
						"code", code, "redirect_uri", SmartTenant.REDIRECT_URI, "code_verifier", flow.verifier.getValue(), "client_id", flow.client.id())
				: TokenEndpoint.exchange(flow, code);
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		if (type.equals("public")) {
			assertThat(answer.header("Access-Control-Allow-Origin")).hasValueSatisfying(v -> assertThat(v).isIn("*", "https://app.example"));
		}
		assertThat(answer.header("Content-Type").orElse("")).startsWith("application/json");
		JsonNode body = answer.json();
		assertThat(body.get("access_token").isTextual()).isTrue();
		assertThat(body.get("token_type").asText()).isEqualToIgnoringCase("bearer");
		assertThat(body.get("expires_in").isNumber()).as("expires_in is a number").isTrue();
		assertThat(body.get("scope").isTextual()).isTrue();
		body.fields().forEachRemaining(field -> {
			if (!Set.of("expires_in", "need_patient_banner").contains(field.getKey())) {
				assertThat(field.getValue().isTextual()).as(field.getKey() + " is a string").isTrue();
			}
		});
		// S3
		assertThat(answer.header("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
		assertThat(answer.header("Pragma")).hasValue("no-cache");
		// S4
		assertThat(body.get("patient").asText()).isEqualTo(tenant.patient);
		assertThat(Http.get(tenant.base() + "/Patient/" + tenant.patient, "Bearer " + body.get("access_token").asText()).statusCode())
				.isEqualTo(200);
		// S5
		assertThat(body.hasNonNull("id_token")).isTrue();
		assertThat(body.hasNonNull("refresh_token")).isTrue();
		// S6
		assertThat(words(flow.scope())).containsAll(words(body.get("scope").asText()));
	}

	@Test
	@DisplayName("S6 what the user unchecked on the approval page is absent from the granted scope")
	void s6UncheckedScopeIsNotGranted() {
		AuthorizationFlow flow = new AuthorizationFlow(tenant, tenant.symmetricApp, SCOPE).unchecking("offline_access");
		Answer answer = TokenEndpoint.exchange(flow, authorized(flow).code());
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		Set<String> granted = words(answer.text("scope"));
		assertThat(words(SCOPE)).containsAll(granted);
		assertThat(granted).doesNotContain("offline_access").contains("patient/*.rs");
		assertThat(answer.json().has("refresh_token")).isFalse();
	}

	@Test
	@DisplayName("Approval (gap b): an approval POST without the page's CSRF token issues no code")
	void approvalWithoutCsrfTokenIssuesNoCode() {
		Outcome outcome = new AuthorizationFlow(tenant, tenant.publicApp, SCOPE).approvingWithoutCsrf().run();
		assertThat(outcome.issuedCode()).as(outcome.toString()).isFalse();
		assertThat(outcome.redirect()).isNull();
		assertThat(outcome.last().statusCode()).isEqualTo(403);
	}

	private static void refused(Answer answer, int... statuses) {
		assertThat(answer.status()).as(answer.toString()).isIn(Arrays.stream(statuses).boxed().toArray());
		assertThat(answer.header("Content-Type").orElse("")).startsWith("application/json");
		assertThat(answer.json().get("error").isTextual()).isTrue();
		assertThat(answer.json().has("access_token")).isFalse();
	}

	private static Answer tokenRequest(AuthorizationFlow flow, String... pairs) {
		return TokenEndpoint.post(tenant, flow.client, "token", pairs);
	}

	@ParameterizedTest(name = "S7 missing, empty, wrong or plain-downgrade code_verifier is 400 or 401 ({0})")
	@MethodSource("clientTypes")
	void s7BadCodeVerifiers(String type) {
		for (String verifier : new String[] {null, "", "wrong-" + "v".repeat(43), "challenge"}) {
			AuthorizationFlow flow = new AuthorizationFlow(tenant, client(type), SCOPE);
			String code = authorized(flow).code();
			java.util.List<String> pairs = new java.util.ArrayList<>(java.util.List.of("grant_type", "authorization_code", "code", code,
					"redirect_uri", SmartTenant.REDIRECT_URI));
			if (verifier != null) {
				pairs.add("code_verifier");
				pairs.add(verifier.equals("challenge") ? flow.parameters.get("code_challenge") : verifier);
			}
			refused(tokenRequest(flow, pairs.toArray(String[]::new)), 400, 401);
		}
	}

	@ParameterizedTest(name = "S7 code=BAD_CODE is exactly 400 ({0})")
	@MethodSource("clientTypes")
	void s7BadCode(String type) {
		AuthorizationFlow flow = new AuthorizationFlow(tenant, client(type), SCOPE);
		refused(tokenRequest(flow, "grant_type", "authorization_code", "code", "BAD_CODE", "redirect_uri", SmartTenant.REDIRECT_URI,
				"code_verifier", flow.verifier.getValue()), 400);
	}

	@ParameterizedTest(name = "S7 a reused code and a code with another redirect_uri are 400 invalid_grant ({0})")
	@MethodSource("clientTypes")
	void s7ReusedCodeAndOtherRedirectUri(String type) {
		AuthorizationFlow flow = new AuthorizationFlow(tenant, client(type), SCOPE);
		String code = authorized(flow).code();
		assertThat(TokenEndpoint.exchange(flow, code).status()).isEqualTo(200);
		Answer reused = TokenEndpoint.exchange(flow, code);
		refused(reused, 400);
		assertThat(reused.text("error")).isEqualTo("invalid_grant");

		AuthorizationFlow second = new AuthorizationFlow(tenant, client(type), SCOPE);
		Answer otherRedirect = tokenRequest(second, "grant_type", "authorization_code", "code", authorized(second).code(),
				"redirect_uri", SmartTenant.REDIRECT_URI + "/other", "code_verifier", second.verifier.getValue());
		refused(otherRedirect, 400);
		assertThat(otherRedirect.text("error")).isEqualTo("invalid_grant");
	}

	@Test
	@DisplayName("S7 a valid code with client_id=BAD_CLIENT_ID (in the body, or in Basic) is 400 or 401")
	void s7BadClientId() {
		AuthorizationFlow flow = new AuthorizationFlow(tenant, tenant.publicApp, SCOPE);
		String[] grant = {"grant_type", "authorization_code", "code", authorized(flow).code(), "redirect_uri", SmartTenant.REDIRECT_URI,
			"code_verifier", flow.verifier.getValue()};
		java.util.List<String> body = new java.util.ArrayList<>(java.util.List.of(grant));
		body.addAll(java.util.List.of("client_id", "BAD_CLIENT_ID"));
		refused(TokenEndpoint.postRaw(tenant.tokenUrl(), java.util.Map.of(), body.toArray(String[]::new)), 400, 401);

		AuthorizationFlow confidential = new AuthorizationFlow(tenant, tenant.symmetricApp, SCOPE);
		refused(TokenEndpoint.postRaw(tenant.tokenUrl(), java.util.Map.of("Authorization", TokenEndpoint.basic("BAD_CLIENT_ID",
				tenant.symmetricApp.secret())), "grant_type", "authorization_code", "code", authorized(confidential).code(),
				"redirect_uri", SmartTenant.REDIRECT_URI, "code_verifier", confidential.verifier.getValue()), 400, 401);
	}

	@ParameterizedTest(name = "S8 code_challenge_method=plain or no code_challenge issues no code ({0})")
	@MethodSource("clientTypes")
	void s8NoS256NoCode(String type) {
		AuthorizationFlow plain = new AuthorizationFlow(tenant, client(type), SCOPE).with("code_challenge_method", "plain");
		plain.with("code_challenge", plain.verifier.getValue());
		Outcome withPlain = plain.run();
		assertThat(withPlain.issuedCode()).as(withPlain.toString()).isFalse();
		Outcome without = new AuthorizationFlow(tenant, client(type), SCOPE).with("code_challenge", null).with("code_challenge_method", null).run();
		assertThat(without.issuedCode()).as(without.toString()).isFalse();
	}

	@Test
	@DisplayName("S9 aud of another tenant or a made-up URL issues no code")
	void s9WrongAudience() {
		for (String aud : new String[] {server.base("someone-else"), "https://made-up.example/fhir", tenant.base() + "/x", tenant.issuer()}) {
			Outcome outcome = new AuthorizationFlow(tenant, tenant.publicApp, SCOPE).with("aud", aud).run();
			assertThat(outcome.issuedCode()).as("aud %s: %s", aud, outcome).isFalse();
		}
	}

	@Test
	@DisplayName("S10 an unregistered redirect_uri (other, extra path, extra query, other port) gets an error page, no redirect")
	void s10UnregisteredRedirectUri() {
		for (String redirect : new String[] {"https://evil.example/callback", SmartTenant.REDIRECT_URI + "/extra",
				SmartTenant.REDIRECT_URI + "?x=1", "https://app.example:8443/callback"}) {
			Outcome outcome = new AuthorizationFlow(tenant, tenant.publicApp, SCOPE).with("redirect_uri", redirect).run();
			assertThat(outcome.redirect()).as("no redirect to %s: %s", redirect, outcome).isNull();
			assertThat(outcome.last().statusCode()).as(redirect).isEqualTo(400);
			assertThat(outcome.last().headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
		}
	}

	@Test
	@DisplayName("S11 a confidential symmetric client with a wrong secret is 401 invalid_client")
	void s11WrongSecret() {
		AuthorizationFlow flow = new AuthorizationFlow(tenant, tenant.symmetricApp, SCOPE);
		Answer answer = TokenEndpoint.postRaw(tenant.tokenUrl(),
				java.util.Map.of("Authorization", TokenEndpoint.basic(tenant.symmetricApp.id(), "not-the-secret")),
				"grant_type", "authorization_code", "code", authorized(flow).code(), "redirect_uri", SmartTenant.REDIRECT_URI,
				"code_verifier", flow.verifier.getValue());
		refused(answer, 401);
		assertThat(answer.text("error")).isEqualTo("invalid_client");
	}

	@Test
	@DisplayName("S1 S2 with MFA required: TOTP enrolment in the first launch, a TOTP code in the next, a code each time")
	void s1WithMfaRequired() {
		SmartTenant mfa = SmartTenant.create(server, "standalone-mfa");
		mfa.admin("PUT", "/admin/tenants/" + mfa.id + "/auth-policy", java.util.Map.of("mfaRequired", true), 200);
		for (int launch = 0; launch < 2; launch++) {
			AuthorizationFlow flow = new AuthorizationFlow(mfa, mfa.symmetricApp, SCOPE);
			Answer answer = TokenEndpoint.exchange(flow, authorized(flow).code());
			assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
			assertThat(answer.text("patient")).isEqualTo(mfa.patient);
		}
		assertThat(mfa.totpSecrets).containsKey(SmartTenant.PRACTITIONER_USER);
	}
}
