package io.smartvitals.conformance.smart;

import static io.smartvitals.conformance.smart.StandaloneLaunchIT.words;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.smartvitals.conformance.smart.TokenEndpoint.Answer;
import io.smartvitals.conformance.support.Http;
import io.smartvitals.conformance.support.PostgresSuite;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * CHECKLIST "Token introspection and revocation" I1, I2, V1. Introspection and revocation need
 * client authentication (RFC 7662 section 2.1, RFC 7009 section 2.1); the suites authenticate as
 * the tenant's confidential symmetric client, the way a resource server or Inferno's client does.
 */
class IntrospectionRevocationIT extends PostgresSuite {

	static final String SCOPE = "launch/patient openid fhirUser offline_access patient/*.rs";
	private static SmartTenant tenant;
	private static SmartTenant other;

	@BeforeAll
	static void tenants() {
		tenant = SmartTenant.create(server, "introspect");
		other = SmartTenant.create(server, "introspect-b");
	}

	private static Answer introspect(SmartTenant at, String token) {
		return TokenEndpoint.post(at, at.symmetricApp, "introspect", "token", token);
	}

	private static void inactive(Answer answer) {
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		JsonNode body = answer.json();
		assertThat(body.get("active").isBoolean()).isTrue();
		assertThat(body.get("active").asBoolean()).isFalse();
		assertThat(body.size()).as("nothing but active: %s", body).isEqualTo(1);
	}

	@Test
	@DisplayName("I1 an active user token introspects with client_id, scope, exp, patient and the id_token's iss and sub")
	void i1ActiveUserToken() throws Exception {
		JsonNode tokens = TokenRefreshIT.authorized(tenant, tenant.symmetricApp, SCOPE);
		Answer answer = introspect(tenant, tokens.get("access_token").asText());
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		JsonNode body = answer.json();
		assertThat(body.get("active").isBoolean()).isTrue();
		assertThat(body.get("active").asBoolean()).isTrue();
		assertThat(body.get("client_id").asText()).isEqualTo(tenant.symmetricApp.id());
		assertThat(words(body.get("scope").asText())).isEqualTo(words(tokens.get("scope").asText()));
		assertThat(body.get("exp").isIntegralNumber()).as("exp is an integer: %s", body.get("exp")).isTrue();
		assertThat(body.get("patient").asText()).isEqualTo(tokens.get("patient").asText());
		JWTClaimsSet idToken = SignedJWT.parse(tokens.get("id_token").asText()).getJWTClaimsSet();
		assertThat(body.get("iss").asText()).isEqualTo(idToken.getIssuer());
		assertThat(body.get("sub").asText()).isEqualTo(idToken.getSubject());
		// The same resource; the access token carries it relative, the id_token absolute.
		String fhirUser = idToken.getStringClaim("fhirUser");
		assertThat(fhirUser).endsWith("/" + body.get("fhirUser").asText());
	}

	@Test
	@DisplayName("I1 an EHR-launch token introspects with the launch's patient and encounter")
	void i1ActiveEhrToken() throws Exception {
		String launch = EhrLaunchIT.createLaunch(tenant, tenant.patient, tenant.encounter).get("launch").asText();
		AuthorizationFlow flow = new AuthorizationFlow(tenant, tenant.symmetricApp, EhrLaunchIT.SCOPE).with("launch", launch);
		AuthorizationFlow.Outcome outcome = flow.run();
		assertThat(outcome.issuedCode()).as(outcome.toString()).isTrue();
		JsonNode tokens = TokenEndpoint.exchange(flow, outcome.code()).json();
		JsonNode body = introspect(tenant, tokens.get("access_token").asText()).json();
		assertThat(body.get("active").asBoolean()).isTrue();
		assertThat(body.get("patient").asText()).isEqualTo(tokens.get("patient").asText());
		assertThat(body.get("encounter").asText()).isEqualTo(tokens.get("encounter").asText());
	}

	@Test
	@DisplayName("I1 a backend token introspects as active with its client_id and scope")
	void i1ActiveBackendToken() {
		Answer token = TokenEndpoint.clientCredentials(tenant, tenant.backend, "system/Patient.rs");
		assertThat(token.status()).as(token.toString()).isEqualTo(200);
		JsonNode body = introspect(tenant, token.text("access_token")).json();
		assertThat(body.get("active").asBoolean()).isTrue();
		assertThat(body.get("client_id").asText()).isEqualTo(tenant.backend.id());
		assertThat(body.get("scope").asText()).isEqualTo("system/Patient.rs");
		assertThat(body.get("exp").isIntegralNumber()).isTrue();
	}

	@Test
	@DisplayName("I2 invalid_token_value, an expired, a revoked and another tenant's token are {\"active\": false} only")
	void i2InactiveTokens() throws Exception {
		inactive(introspect(tenant, "invalid_token_value"));

		String expired = TokenRefreshIT.authorized(tenant, tenant.symmetricApp, SCOPE).get("access_token").asText();
		var db = server.database();
		try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
				PreparedStatement update = c.prepareStatement(
						"UPDATE oauth2_authorization SET access_token_issued_at = ?, access_token_expires_at = ? WHERE access_token_value = ?")) {
			update.setTimestamp(1, Timestamp.from(Instant.now().minusSeconds(7200)));
			update.setTimestamp(2, Timestamp.from(Instant.now().minusSeconds(60)));
			update.setString(3, expired);
			assertThat(update.executeUpdate()).as("the stored token moved into the past").isEqualTo(1);
		}
		inactive(introspect(tenant, expired));

		String revoked = TokenRefreshIT.authorized(tenant, tenant.symmetricApp, SCOPE).get("access_token").asText();
		assertThat(TokenEndpoint.post(tenant, tenant.symmetricApp, "revoke", "token", revoked).status()).isEqualTo(200);
		inactive(introspect(tenant, revoked));

		String ofOtherTenant = TokenRefreshIT.authorized(other, other.symmetricApp, SCOPE).get("access_token").asText();
		inactive(introspect(tenant, ofOtherTenant));
		assertThat(introspect(other, ofOtherTenant).json().get("active").asBoolean()).as("active where it was issued").isTrue();
	}

	@Test
	@DisplayName("V1 a revoked access token is refused by the FHIR API; a revoked refresh token no longer refreshes")
	void v1Revocation() {
		JsonNode tokens = TokenRefreshIT.authorized(tenant, tenant.symmetricApp, SCOPE);
		String bearer = "Bearer " + tokens.get("access_token").asText();
		String patientUrl = tenant.base() + "/Patient/" + tokens.get("patient").asText();
		assertThat(Http.get(patientUrl, bearer).statusCode()).isEqualTo(200);
		Answer revoked = TokenEndpoint.post(tenant, tenant.symmetricApp, "revoke", "token", tokens.get("access_token").asText(),
				"token_type_hint", "access_token");
		assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
		assertThat(refusedWithin(patientUrl, bearer)).as("refused once the revocation reached the FHIR API").isEqualTo(401);

		String refresh = tokens.get("refresh_token").asText();
		assertThat(TokenEndpoint.post(tenant, tenant.symmetricApp, "revoke", "token", refresh, "token_type_hint", "refresh_token").status())
				.isEqualTo(200);
		assertThat(TokenEndpoint.refresh(tenant, tenant.symmetricApp, refresh, null).status()).isIn(400, 401);

		// A fresh pair: revoking only the refresh token ends refreshing too.
		JsonNode second = TokenRefreshIT.authorized(tenant, tenant.symmetricApp, SCOPE);
		TokenEndpoint.post(tenant, tenant.symmetricApp, "revoke", "token", second.get("refresh_token").asText());
		assertThat(TokenEndpoint.refresh(tenant, tenant.symmetricApp, second.get("refresh_token").asText(), null).status()).isIn(400, 401);
	}

	/** The FHIR API learns revocations by polling (every node, about once a second): waits up to 15 s for it. */
	private static int refusedWithin(String url, String bearer) {
		int status = 0;
		for (int attempt = 0; attempt < 60; attempt++) {
			status = Http.get(url, bearer).statusCode();
			if (status != 200) {
				return status;
			}
			try {
				Thread.sleep(250);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return status;
			}
		}
		return status;
	}
}
