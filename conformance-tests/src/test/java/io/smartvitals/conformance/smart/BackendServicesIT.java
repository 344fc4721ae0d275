package io.smartvitals.conformance.smart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.smartvitals.conformance.smart.TokenEndpoint.Answer;
import io.smartvitals.conformance.support.PostgresSuite;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * CHECKLIST "Backend Services" B1-B5, with client assertions built exactly as Inferno builds them:
 * header {@code alg}, {@code kid}, {@code typ: JWT}, no {@code jku}; claims iss, sub, aud, exp =
 * now + 300 s and a 64-hex {@code jti}, no {@code iat}.
 */
class BackendServicesIT extends PostgresSuite {

	private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
	private static final SecureRandom RANDOM = new SecureRandom();
	private static SmartTenant tenant;
	private static SmartTenant other;
	private static ECKey ecKey;

	@BeforeAll
	static void tenants() throws Exception {
		tenant = SmartTenant.create(server, "backend");
		other = SmartTenant.create(server, "backend-b");
		ecKey = new ECKeyGenerator(Curve.P_384).keyID("ec-key").generate();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("clientId", "backend-es384");
		body.put("name", "ES384 exporter");
		body.put("type", "confidential-asymmetric");
		body.put("launchTypes", List.of("backend"));
		body.put("scopes", List.of("system/Observation.rs"));
		body.put("jwks", new JWKSet(ecKey.toPublicJWK()).toJSONObject());
		body.put("owner", "conformance suite");
		body.put("purpose", "ES384 assertions");
		body.put("expiresAt", Instant.now().plusSeconds(86400).toString());
		tenant.admin("POST", "/admin/tenants/" + tenant.id + "/clients", body, 201);
	}

	static String jti() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	private static JWTClaimsSet.Builder infernoClaims(String clientId) {
		return new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(tenant.tokenUrl())
				.expirationTime(Date.from(Instant.now().plusSeconds(300))).jwtID(jti());
	}

	private static String signed(JWSAlgorithm alg, String kid, JWSSigner signer, JWTClaimsSet claims) throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).type(JOSEObjectType.JWT).build(), claims);
		jwt.sign(signer);
		return jwt.serialize();
	}

	private static String rs384(Consumer<JWTClaimsSet.Builder> change) throws Exception {
		JWTClaimsSet.Builder claims = infernoClaims(tenant.backend.id());
		change.accept(claims);
		return signed(JWSAlgorithm.RS384, tenant.backend.key().getKeyID(), new RSASSASigner(tenant.backend.key()), claims.build());
	}

	private static Answer request(String assertion, String scope) {
		return TokenEndpoint.postRaw(tenant.tokenUrl(), Map.of(), "grant_type", "client_credentials", "scope", scope,
				"client_assertion_type", ASSERTION_TYPE, "client_assertion", assertion);
	}

	private static void tokenIssued(Answer answer, String scope) {
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		JsonNode body = answer.json();
		assertThat(body.get("access_token").isTextual()).isTrue();
		assertThat(body.get("token_type").asText()).isEqualToIgnoringCase("bearer");
		assertThat(body.get("expires_in").isNumber()).isTrue();
		assertThat(body.get("scope").asText()).isEqualTo(scope);
	}

	private static void invalidClient(Answer answer) {
		assertThat(answer.status()).as(answer.toString()).isIn(400, 401);
		assertThat(answer.text("error")).isEqualTo("invalid_client");
		assertThat(answer.json().has("access_token")).isFalse();
	}

	@Test
	@DisplayName("B1 client_credentials with an Inferno-style RS384 assertion gives a token")
	void b1Rs384() throws Exception {
		tokenIssued(request(rs384(c -> {}), "system/Observation.rs"), "system/Observation.rs");
	}

	@Test
	@DisplayName("B1 client_credentials with an Inferno-style ES384 assertion gives a token")
	void b1Es384() throws Exception {
		String assertion = signed(JWSAlgorithm.ES384, ecKey.getKeyID(), new ECDSASigner(ecKey), infernoClaims("backend-es384").build());
		tokenIssued(request(assertion, "system/Observation.rs"), "system/Observation.rs");
	}

	@Test
	@DisplayName("B1 an assertion a few seconds off the server's clock is still accepted")
	void b1ClockSkew() throws Exception {
		tokenIssued(request(rs384(c -> c.expirationTime(Date.from(Instant.now().plusSeconds(305)))), "system/Patient.rs"), "system/Patient.rs");
	}

	@Test
	@DisplayName("B2 grant_type=not_a_grant_type is exactly 400 unsupported_grant_type")
	void b2UnknownGrantType() throws Exception {
		Answer answer = TokenEndpoint.postRaw(tenant.tokenUrl(), Map.of(), "grant_type", "not_a_grant_type", "scope", "system/Patient.rs",
				"client_assertion_type", ASSERTION_TYPE, "client_assertion", rs384(c -> {}));
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.text("error")).isEqualTo("unsupported_grant_type");
	}

	@Test
	@DisplayName("B3 an invalid client_assertion_type is 400 or 401 invalid_client or invalid_request")
	void b3InvalidAssertionType() throws Exception {
		Answer answer = TokenEndpoint.postRaw(tenant.tokenUrl(), Map.of(), "grant_type", "client_credentials", "scope", "system/Patient.rs",
				"client_assertion_type", "not_an_assertion_type", "client_assertion", rs384(c -> {}));
		assertThat(answer.status()).isIn(400, 401);
		assertThat(answer.text("error")).isIn("invalid_client", "invalid_request");
	}

	@Test
	@DisplayName("B4 bad signature, expired, too far ahead, wrong aud, iss != sub, reused jti, alg none or HS256: invalid_client")
	void b4BadAssertions() throws Exception {
		String good = rs384(c -> {});
		String[] parts = good.split("\\.");
		String otherSignature = rs384(c -> {}).split("\\.")[2];
		invalidClient(request(parts[0] + "." + parts[1] + "." + otherSignature, "system/Patient.rs"));
		invalidClient(request(signed(JWSAlgorithm.RS384, tenant.backend.key().getKeyID(), new RSASSASigner(SmartTenant.newKey("x")),
				infernoClaims(tenant.backend.id()).build()), "system/Patient.rs"));
		invalidClient(request(rs384(c -> c.expirationTime(Date.from(Instant.now().minusSeconds(120)))), "system/Patient.rs"));
		invalidClient(request(rs384(c -> c.expirationTime(Date.from(Instant.now().plusSeconds(900)))), "system/Patient.rs"));
		invalidClient(request(rs384(c -> c.audience(other.tokenUrl())), "system/Patient.rs"));
		invalidClient(request(rs384(c -> c.audience("https://made-up.example/token")), "system/Patient.rs"));
		invalidClient(request(rs384(c -> c.subject("someone-else")), "system/Patient.rs"));
		String once = rs384(c -> {});
		tokenIssued(request(once, "system/Patient.rs"), "system/Patient.rs");
		invalidClient(request(once, "system/Patient.rs"));
		invalidClient(request(new PlainJWT(infernoClaims(tenant.backend.id()).build()).serialize(), "system/Patient.rs"));
		invalidClient(request(signed(JWSAlgorithm.HS256, tenant.backend.key().getKeyID(),
				new MACSigner(tenant.backend.key().toPublicJWK().toRSAPublicKey().getEncoded()), infernoClaims(tenant.backend.id()).build()),
				"system/Patient.rs"));
	}

	@Test
	@DisplayName("B5 a scope beyond the client's registration is invalid_scope (never a cut-down token)")
	void b5ScopeBeyondRegistration() throws Exception {
		Answer answer = request(rs384(c -> {}), "system/Patient.rs system/Encounter.rs");
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.text("error")).isEqualTo("invalid_scope");
		assertThat(answer.json().has("access_token")).isFalse();
	}
}
