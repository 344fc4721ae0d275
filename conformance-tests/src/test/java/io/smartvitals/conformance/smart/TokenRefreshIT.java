package io.smartvitals.conformance.smart;

import static io.smartvitals.conformance.smart.StandaloneLaunchIT.words;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smartvitals.conformance.smart.AuthorizationFlow.Outcome;
import io.smartvitals.conformance.smart.SmartTenant.Client;
import io.smartvitals.conformance.smart.TokenEndpoint.Answer;
import io.smartvitals.conformance.support.PostgresSuite;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** CHECKLIST "Token refresh" R1-R3, with a confidential (Basic) and a public client. */
class TokenRefreshIT extends PostgresSuite {

	static final String SCOPE = "launch/patient openid fhirUser offline_access patient/*.rs";
	private static SmartTenant tenant;

	@BeforeAll
	static void tenant() {
		tenant = SmartTenant.create(server, "refresh");
	}

	static JsonNode authorized(SmartTenant at, Client client, String scope) {
		AuthorizationFlow flow = new AuthorizationFlow(at, client, scope);
		Outcome outcome = flow.run();
		assertThat(outcome.issuedCode()).as(outcome.toString()).isTrue();
		Answer answer = TokenEndpoint.exchange(flow, outcome.code());
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertThat(answer.json().hasNonNull("refresh_token")).isTrue();
		return answer.json();
	}

	private static Answer refreshed(Client client, String refreshToken, String scope, JsonNode previous) {
		Answer answer = TokenEndpoint.refresh(tenant, client, refreshToken, scope);
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		JsonNode body = answer.json();
		assertThat(body.get("access_token").isTextual()).isTrue();
		assertThat(body.get("token_type").asText()).isEqualToIgnoringCase("bearer");
		assertThat(body.get("expires_in").isNumber()).isTrue();
		assertThat(words(previous.get("scope").asText())).containsAll(words(body.get("scope").asText()));
		assertThat(answer.header("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
		assertThat(answer.header("Pragma")).hasValue("no-cache");
		return answer;
	}

	/** The refresh token to use next: the new one when one was issued, else the old one. */
	private static String next(JsonNode refreshedBody, String old) {
		return refreshedBody.hasNonNull("refresh_token") ? refreshedBody.get("refresh_token").asText() : old;
	}

	private void refreshesWithAndWithoutScope(Client client) {
		JsonNode first = authorized(tenant, client, SCOPE);
		String refresh = first.get("refresh_token").asText();
		JsonNode withoutScope = refreshed(client, refresh, null, first).json();
		String second = next(withoutScope, refresh);
		JsonNode withAllScopes = refreshed(client, second, first.get("scope").asText(), withoutScope).json();
		assertThat(words(withAllScopes.get("scope").asText())).isEqualTo(words(first.get("scope").asText()));
		String third = next(withAllScopes, second);
		refreshed(client, third, null, withAllScopes);
		if (!second.equals(refresh)) {
			assertThat(TokenEndpoint.refresh(tenant, client, refresh, null).status()).as("a replaced refresh token").isIn(400, 401);
		}
	}

	@Test
	@DisplayName("R1 refresh without scope and with all granted scopes (confidential client, HTTP Basic)")
	void r1ConfidentialClient() {
		refreshesWithAndWithoutScope(tenant.symmetricApp);
	}

	@Test
	@DisplayName("R1 refresh without scope and with all granted scopes (public client)")
	void r1PublicClient() {
		refreshesWithAndWithoutScope(tenant.publicApp);
	}

	@Test
	@DisplayName("R1 a random UUID as refresh token is 400 or 401")
	void r1RandomRefreshToken() {
		Answer answer = TokenEndpoint.refresh(tenant, tenant.symmetricApp, UUID.randomUUID().toString(), null);
		assertThat(answer.status()).isIn(400, 401);
		assertThat(answer.json().has("error")).isTrue();
	}

	@Test
	@DisplayName("R2 a refresh asking for a subset gets that subset; a scope never granted is invalid_scope")
	void r2ScopeSubsetAndBeyond() {
		JsonNode first = authorized(tenant, tenant.symmetricApp, SCOPE);
		String refresh = first.get("refresh_token").asText();
		Answer subset = refreshed(tenant.symmetricApp, refresh, "patient/*.rs", first);
		assertThat(words(subset.text("scope"))).containsExactly("patient/*.rs");
		Answer beyond = TokenEndpoint.refresh(tenant, tenant.symmetricApp, next(subset.json(), refresh), "patient/*.rs user/*.rs");
		assertThat(beyond.status()).as(beyond.toString()).isEqualTo(400);
		assertThat(beyond.text("error")).isEqualTo("invalid_scope");
	}

	@Test
	@DisplayName("R3 a refresh token of client X presented by client Y is invalid_grant")
	void r3RefreshTokenOfAnotherClient() {
		JsonNode ofX = authorized(tenant, tenant.symmetricApp, SCOPE);
		for (Client y : new Client[] {tenant.asymmetricApp, tenant.publicApp}) {
			Answer answer = TokenEndpoint.refresh(tenant, y, ofX.get("refresh_token").asText(), null);
			assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
			assertThat(answer.text("error")).isEqualTo("invalid_grant");
		}
	}

	@Test
	@DisplayName("R4 issue 19: a refresh asking for the v1 spelling of a granted v2 scope gets that scope, never more")
	void r4V1SpellingOfAGrantedV2Scope() {
		JsonNode first = authorized(tenant, tenant.symmetricApp, "launch/patient openid fhirUser offline_access patient/Observation.rs patient/Patient.rs");
		String refresh = first.get("refresh_token").asText();
		Answer v1 = refreshed(tenant.symmetricApp, refresh, "patient/Observation.read", first);
		assertThat(words(v1.text("scope"))).containsExactly("patient/Observation.rs");
		Answer wider = TokenEndpoint.refresh(tenant, tenant.symmetricApp, next(v1.json(), refresh), "patient/Observation.*");
		assertThat(wider.status()).as(wider.toString()).isEqualTo(400);
		assertThat(wider.text("error")).isEqualTo("invalid_scope");
		Answer write = TokenEndpoint.refresh(tenant, tenant.symmetricApp, next(v1.json(), refresh), "patient/Observation.read patient/Observation.write");
		assertThat(write.status()).as(write.toString()).isEqualTo(400);
		assertThat(write.text("error")).isEqualTo("invalid_scope");
	}
}
