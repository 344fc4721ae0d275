package io.smartvitals.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import io.smartvitals.server.ServerOverHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** SMART Backend Services (client_credentials with private_key_jwt) and the endpoints around it, over HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackendServicesIT extends ServerOverHttp {

	private static final ObjectMapper JSON = new ObjectMapper();
	private String tenant;
	private String otherTenant;
	private RSAKey key;

	@BeforeAll
	void registerBackendClient() throws Exception {
		tenant = createTenant(uniqueTenantId("bulk"));
		otherTenant = createTenant(uniqueTenantId("other"));
		key = new RSAKeyGenerator(2048).keyID("k1").generate();
		assertThat(registerBackend(tenant, "exporter", key).statusCode()).isEqualTo(201);
		assertThat(registerBackend(otherTenant, "exporter", new RSAKeyGenerator(2048).keyID("k2").generate()).statusCode()).isEqualTo(201);
	}

	private HttpResponse<String> registerBackend(String t, String clientId, RSAKey k) throws Exception {
		String body = JSON.writeValueAsString(Map.of(
				"clientId", clientId, "name", "Nightly export", "type", "confidential-asymmetric",
				"launchTypes", new String[] {"backend"}, "scopes", new String[] {"system/Observation.rs", "system/Patient.rs"},
				"jwks", new JWKSet(k.toPublicJWK()).toJSONObject(), "owner", "integration team", "purpose", "nightly bulk export",
				"expiresAt", Instant.now().plusSeconds(30 * 86400).toString()));
		return admin("POST", "/admin/tenants/" + t + "/clients", body);
	}

	private String tokenUrl(String t) {
		return root() + "/auth/" + t + "/token";
	}

	private String assertion(Consumer<JWTClaimsSet.Builder> change, JWSAlgorithm alg) throws Exception {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
				.issuer("exporter").subject("exporter").audience(tokenUrl(tenant))
				.expirationTime(Date.from(Instant.now().plusSeconds(300)))
				.jwtID(HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes()).substring(0, 64));
		change.accept(claims);
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID("k1").type(JOSEObjectType.JWT).build(), claims.build());
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	/** A token request exactly as Inferno sends it: no client_id, assertion only. */
	private HttpResponse<String> tokenRequest(String t, String assertion, String scope) throws Exception {
		String form = "grant_type=client_credentials&scope=" + enc(scope)
				+ "&client_assertion_type=" + enc("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
				+ "&client_assertion=" + enc(assertion);
		return send("POST", tokenUrl(t), null, "application/x-www-form-urlencoded", form);
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	@Test
	void backendClientGetsAShortLivedTokenForItsTenant() throws Exception {
		HttpResponse<String> response = tokenRequest(tenant, assertion(c -> {}, JWSAlgorithm.RS384), "system/Observation.rs");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(response.headers().firstValue("Pragma")).hasValue("no-cache");
		JsonNode body = JSON.readTree(response.body());
		assertThat(body.get("token_type").asText()).isEqualToIgnoringCase("bearer");
		assertThat(body.get("expires_in").isNumber()).isTrue();
		assertThat(body.get("expires_in").asInt()).isBetween(1, 300);
		assertThat(body.get("scope").asText()).isEqualTo("system/Observation.rs");
		assertThat(body.has("refresh_token")).isFalse();

		SignedJWT token = SignedJWT.parse(body.get("access_token").asText());
		JWKSet published = JWKSet.load(URI.create(root() + "/auth/" + tenant + "/jwks").toURL());
		assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		assertThat(token.verify(new RSASSAVerifier((RSAKey) published.getKeyByKeyId(token.getHeader().getKeyID())))).isTrue();
		JWTClaimsSet claims = token.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo(root() + "/auth/" + tenant);
		assertThat(claims.getAudience()).containsExactly(base(tenant));
		assertThat(claims.getStringClaim("scope")).isEqualTo("system/Observation.rs");
		assertThat(claims.getStringClaim("tenant")).isEqualTo(tenant);
		assertThat(claims.getStringClaim("client_id")).isEqualTo("exporter");
		assertThat(claims.getJWTID()).isNotBlank();
	}

	@Test
	void nimbusPrivateKeyJwtClientIsAccepted() throws Exception {
		PrivateKeyJWT auth = new PrivateKeyJWT(new ClientID("exporter"), URI.create(tokenUrl(tenant)), JWSAlgorithm.RS384,
				key.toRSAPrivateKey(), "k1", null);
		HTTPResponse response = new TokenRequest(URI.create(tokenUrl(tenant)), auth, new ClientCredentialsGrant(),
				new Scope("system/Patient.rs")).toHTTPRequest().send();
		assertThat(response.getStatusCode()).isEqualTo(200);
		assertThat(response.getContentAsJSONObject().get("scope")).isEqualTo("system/Patient.rs");
	}

	@Test
	void granularScopeWithinTheCeilingIsGranted() throws Exception {
		String vitals = "system/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs";
		HttpResponse<String> response = tokenRequest(tenant, assertion(c -> {}, JWSAlgorithm.RS384), vitals);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(response.body()).get("scope").asText()).isEqualTo(vitals);
	}

	@Test
	void replayedAssertionIsRefused() throws Exception {
		String once = assertion(c -> {}, JWSAlgorithm.RS384);
		assertThat(tokenRequest(tenant, once, "system/Observation.rs").statusCode()).isEqualTo(200);
		HttpResponse<String> replay = tokenRequest(tenant, once, "system/Observation.rs");
		assertInvalidClient(replay);
	}

	@Test
	void assertionsBreakingRfc7523AreRefused() throws Exception {
		assertInvalidClient(tokenRequest(tenant, assertion(c -> c.expirationTime(Date.from(Instant.now().minusSeconds(120))), JWSAlgorithm.RS384), "system/Observation.rs"));
		assertInvalidClient(tokenRequest(tenant, assertion(c -> c.expirationTime(Date.from(Instant.now().plusSeconds(900))), JWSAlgorithm.RS384), "system/Observation.rs"));
		assertInvalidClient(tokenRequest(tenant, assertion(c -> c.audience(root() + "/auth/" + otherTenant + "/token"), JWSAlgorithm.RS384), "system/Observation.rs"));
		assertInvalidClient(tokenRequest(tenant, assertion(c -> c.audience(java.util.List.of(tokenUrl(tenant), "x")), JWSAlgorithm.RS384), "system/Observation.rs"));
		assertInvalidClient(tokenRequest(tenant, assertion(c -> c.issuer("someone-else"), JWSAlgorithm.RS384), "system/Observation.rs"));
		assertInvalidClient(tokenRequest(tenant, assertion(c -> c.jwtID(null), JWSAlgorithm.RS384), "system/Observation.rs"));
		assertInvalidClient(tokenRequest(tenant, assertion(c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(90))), JWSAlgorithm.RS384), "system/Observation.rs"));
		// RS256 is not among the advertised assertion algorithms
		assertInvalidClient(tokenRequest(tenant, assertion(c -> {}, JWSAlgorithm.RS256), "system/Observation.rs"));
	}

	@Test
	void unsignedAndHmacAssertionsAreRefused() throws Exception {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("exporter").subject("exporter").audience(tokenUrl(tenant))
				.expirationTime(Date.from(Instant.now().plusSeconds(200))).jwtID(UUID.randomUUID().toString()).build();
		assertInvalidClient(tokenRequest(tenant, new PlainJWT(claims).serialize(), "system/Observation.rs"));
		SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build(), claims);
		hmac.sign(new MACSigner(key.toPublicJWK().toRSAPublicKey().getEncoded()));
		assertInvalidClient(tokenRequest(tenant, hmac.serialize(), "system/Observation.rs"));
	}

	@Test
	void assertionOfTenantAClientAtTenantBIsRefused() throws Exception {
		// same client id exists in the other tenant, with another key
		assertInvalidClient(tokenRequest(otherTenant, assertion(c -> c.audience(tokenUrl(otherTenant)), JWSAlgorithm.RS384), "system/Observation.rs"));
	}

	@Test
	void scopeBeyondTheRegistrationIsInvalidScope() throws Exception {
		HttpResponse<String> response = tokenRequest(tenant, assertion(c -> {}, JWSAlgorithm.RS384), "system/Observation.cruds");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("invalid_scope");
	}

	@Test
	void unknownGrantTypeIsExactly400() throws Exception {
		String form = "grant_type=not_a_grant_type&client_assertion_type=" + enc("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
				+ "&client_assertion=" + enc(assertion(c -> {}, JWSAlgorithm.RS384));
		HttpResponse<String> response = send("POST", tokenUrl(tenant), null, "application/x-www-form-urlencoded", form);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("unsupported_grant_type");
	}

	@Test
	void invalidAssertionTypeIsRefused() throws Exception {
		String form = "grant_type=client_credentials&scope=system/Patient.rs&client_assertion_type=bogus&client_assertion="
				+ enc(assertion(c -> {}, JWSAlgorithm.RS384));
		HttpResponse<String> response = send("POST", tokenUrl(tenant), null, "application/x-www-form-urlencoded", form);
		assertThat(response.statusCode()).isIn(400, 401);
		assertThat(JSON.readTree(response.body()).get("error").asText()).isIn("invalid_client", "invalid_request");
	}

	@Test
	void introspectionAndRevocation() throws Exception {
		String token = JSON.readTree(tokenRequest(tenant, assertion(c -> {}, JWSAlgorithm.RS384), "system/Observation.rs").body())
				.get("access_token").asText();
		JsonNode active = introspect(tenant, token);
		assertThat(active.get("active").asBoolean()).isTrue();
		assertThat(active.get("client_id").asText()).isEqualTo("exporter");
		assertThat(active.get("scope").asText()).isEqualTo("system/Observation.rs");
		assertThat(active.get("exp").isIntegralNumber()).isTrue();

		assertThat(introspect(tenant, "invalid_token_value").toString()).isEqualTo("{\"active\":false}");

		HttpResponse<String> revoked = send("POST", root() + "/auth/" + tenant + "/revoke", null,
				"application/x-www-form-urlencoded", "token=" + enc(token) + clientAuth(tenant));
		assertThat(revoked.statusCode()).isEqualTo(200);
		assertThat(introspect(tenant, token).toString()).isEqualTo("{\"active\":false}");

		String trail = admin("GET", "/admin/tenants/" + tenant + "/audit/export", null).body();
		assertThat(trail).contains("\"token-introspected\"", "\"token-revoked\"");
	}

	@Test
	void tokenOfTenantAIsInactiveAtTenantB() throws Exception {
		String token = JSON.readTree(tokenRequest(tenant, assertion(c -> {}, JWSAlgorithm.RS384), "system/Observation.rs").body())
				.get("access_token").asText();
		RSAKey otherKey = new RSAKeyGenerator(2048).keyID("k3").generate();
		registerBackend(otherTenant, "auditor", otherKey);
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("auditor").subject("auditor").audience(tokenUrl(otherTenant))
				.expirationTime(Date.from(Instant.now().plusSeconds(200))).jwtID(UUID.randomUUID().toString()).build();
		SignedJWT a = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS384).keyID("k3").build(), claims);
		a.sign(new RSASSASigner(otherKey));
		HttpResponse<String> response = send("POST", root() + "/auth/" + otherTenant + "/introspect", null,
				"application/x-www-form-urlencoded", "token=" + enc(token) + "&client_assertion_type="
						+ enc("urn:ietf:params:oauth:client-assertion-type:jwt-bearer") + "&client_assertion=" + enc(a.serialize()));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"active\":false}");
	}

	@Test
	void disabledClientGetsNoToken() throws Exception {
		RSAKey k = new RSAKeyGenerator(2048).keyID("k9").generate();
		registerBackend(tenant, "retired", k);
		assertThat(admin("POST", "/admin/tenants/" + tenant + "/clients/retired/disable", null).statusCode()).isEqualTo(200);
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("retired").subject("retired").audience(tokenUrl(tenant))
				.expirationTime(Date.from(Instant.now().plusSeconds(200))).jwtID(UUID.randomUUID().toString()).build();
		SignedJWT a = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS384).keyID("k9").build(), claims);
		a.sign(new RSASSASigner(k));
		assertInvalidClient(tokenRequest(tenant, a.serialize(), "system/Observation.rs"));
	}

	@Test
	void discoveryDocumentsArePublicJson() throws Exception {
		HttpResponse<String> smart = send("GET", base(tenant) + "/.well-known/smart-configuration", null, null, null);
		assertThat(smart.statusCode()).isEqualTo(200);
		assertThat(smart.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
		JsonNode doc = JSON.readTree(smart.body());
		assertThat(doc.get("token_endpoint").asText()).isEqualTo(tokenUrl(tenant));
		assertThat(doc.get("code_challenge_methods_supported").toString()).isEqualTo("[\"S256\"]");
		assertThat(doc.get("capabilities").toString()).contains("context-banner", "permission-v2", "client-confidential-asymmetric");
		HttpResponse<String> oidc = send("GET", root() + "/auth/" + tenant + "/.well-known/openid-configuration", null, null, null);
		assertThat(oidc.statusCode()).isEqualTo(200);
		JsonNode config = JSON.readTree(oidc.body());
		assertThat(config.get("issuer").asText()).isEqualTo(doc.get("issuer").asText());
		assertThat(config.get("jwks_uri").asText()).isEqualTo(doc.get("jwks_uri").asText());
		assertThat(config.get("id_token_signing_alg_values_supported").toString()).contains("RS256");
		assertThat(send("GET", base("no-such-tenant") + "/.well-known/smart-configuration", null, null, null).statusCode()).isEqualTo(404);
	}

	@Test
	void capabilityStatementCarriesSmartOAuthUris() throws Exception {
		HttpResponse<String> metadata = send("GET", base(tenant) + "/metadata", null, null, null);
		assertThat(metadata.statusCode()).isEqualTo(200);
		assertThat(metadata.body()).contains("oauth-uris", tokenUrl(tenant), "SMART-on-FHIR");
	}

	@Test
	void issuedAndRefusedTokensAreOnTheTenantsAuditTrail() throws Exception {
		assertThat(tokenRequest(tenant, assertion(c -> {}, JWSAlgorithm.RS384), "system/Observation.rs").statusCode()).isEqualTo(200);
		assertInvalidClient(tokenRequest(tenant, assertion(c -> c.audience(root() + "/auth/" + otherTenant + "/token"), JWSAlgorithm.RS384), "system/Observation.rs"));
		assertThat(JSON.readTree(admin("GET", "/admin/tenants/" + tenant + "/clients/exporter", null).body()).path("lastUsedAt").isTextual())
				.as("last-used time recorded").isTrue();
		String trail = admin("GET", "/admin/tenants/" + tenant + "/audit/export", null).body();
		java.util.List<String> tokenEvents = trail.lines().filter(l -> l.contains("\"token-issued\"")).toList();
		assertThat(tokenEvents).anySatisfy(l -> assertThat(l).contains("exporter").contains("system/Observation.rs").doesNotContain("invalid_client"));
		assertThat(tokenEvents).anySatisfy(l -> assertThat(l).contains("invalid_client"));
		assertThat(admin("GET", "/admin/tenants/" + otherTenant + "/audit/export", null).body()).doesNotContain("\"token-issued\"");
	}

	@Test
	void eachTenantGetsItsOwnCapabilityStatementEvenRightAfterAnother() throws Exception {
		// HAPI caches the statement for 60 s by default; one cached copy would name the wrong tenant.
		String first = send("GET", base(tenant) + "/metadata", null, null, null).body();
		String second = send("GET", base(otherTenant) + "/metadata", null, null, null).body();
		assertThat(first).contains(tokenUrl(tenant)).doesNotContain("/auth/" + otherTenant + "/");
		assertThat(second).contains(tokenUrl(otherTenant)).doesNotContain("/auth/" + tenant + "/");
	}

	@Test
	void registrationRulesAreEnforced() throws Exception {
		HttpResponse<String> httpRedirect = admin("POST", "/admin/tenants/" + tenant + "/clients", JSON.writeValueAsString(Map.of(
				"name", "App", "type", "public", "launchTypes", new String[] {"standalone"}, "scopes", new String[] {"patient/*.rs"},
				"redirectUris", new String[] {"http://app.example.com/cb"}, "owner", "x", "purpose", "y")));
		assertThat(httpRedirect.statusCode()).isEqualTo(400);
		assertThat(httpRedirect.body()).contains("https required");
		HttpResponse<String> systemForApp = admin("POST", "/admin/tenants/" + tenant + "/clients", JSON.writeValueAsString(Map.of(
				"name", "App", "type", "public", "launchTypes", new String[] {"standalone"}, "scopes", new String[] {"system/*.rs"},
				"redirectUris", new String[] {"https://app.example.com/cb"}, "owner", "x", "purpose", "y")));
		assertThat(systemForApp.statusCode()).isEqualTo(400);
		HttpResponse<String> backendWithoutExpiry = admin("POST", "/admin/tenants/" + tenant + "/clients", JSON.writeValueAsString(Map.of(
				"name", "B", "type", "confidential-asymmetric", "launchTypes", new String[] {"backend"}, "scopes", new String[] {"system/*.rs"},
				"jwks", new JWKSet(key.toPublicJWK()).toJSONObject(), "owner", "x", "purpose", "y")));
		assertThat(backendWithoutExpiry.statusCode()).isEqualTo(400);
		assertThat(backendWithoutExpiry.body()).contains("expiresAt");
	}

	private String clientAuth(String t) throws Exception {
		return "&client_assertion_type=" + enc("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
				+ "&client_assertion=" + enc(assertion(c -> c.audience(tokenUrl(t)), JWSAlgorithm.RS384));
	}

	private JsonNode introspect(String t, String token) throws Exception {
		HttpResponse<String> response = send("POST", root() + "/auth/" + t + "/introspect", null,
				"application/x-www-form-urlencoded", "token=" + enc(token) + clientAuth(t));
		assertThat(response.statusCode()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private static void assertInvalidClient(HttpResponse<String> response) throws Exception {
		assertThat(response.statusCode()).isIn(400, 401);
		assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("invalid_client");
		assertThat(response.body()).doesNotContain("access_token");
	}
}
