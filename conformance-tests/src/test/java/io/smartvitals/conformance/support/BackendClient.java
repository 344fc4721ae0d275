package io.smartvitals.conformance.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A SMART Backend Services client as a bulk data client runs it: registered through the admin
 * API with its public key, it signs its own RS384 client assertion and trades it for an access
 * token at the tenant's token endpoint (client_credentials, private_key_jwt).
 */
public final class BackendClient {

	private static final ObjectMapper JSON = new ObjectMapper();

	public final String tenant;
	public final String clientId;
	private final RunningServer server;
	private final RSAKey key;

	private BackendClient(RunningServer server, String tenant, String clientId, RSAKey key) {
		this.server = server;
		this.tenant = tenant;
		this.clientId = clientId;
		this.key = key;
	}

	public static BackendClient register(RunningServer server, String tenant, String clientId, List<String> scopes) throws Exception {
		RSAKey key = new RSAKeyGenerator(2048).keyID(clientId + "-key").generate();
		String body = JSON.writeValueAsString(Map.of(
				"clientId", clientId, "name", "Backend client " + clientId, "type", "confidential-asymmetric",
				"launchTypes", List.of("backend"), "scopes", scopes,
				"jwks", new JWKSet(key.toPublicJWK()).toJSONObject(), "owner", "conformance tests", "purpose", "conformance suite backend client",
				"expiresAt", Instant.now().plusSeconds(7 * 86400).toString()));
		HttpResponse<String> registered = Http.send("POST", server.root() + "/admin/tenants/" + tenant + "/clients",
				Map.of("Authorization", "Bearer " + RunningServer.OPERATOR_TOKEN, "Content-Type", "application/json"), body);
		if (registered.statusCode() != 201) {
			throw new IllegalStateException("Client registration failed: " + registered.statusCode() + " " + registered.body());
		}
		return new BackendClient(server, tenant, clientId, key);
	}

	public String tokenUrl() {
		return server.root() + "/auth/" + tenant + "/token";
	}

	/** {@code Bearer ...} for the scopes asked (within the registration). */
	public String authorization(String scope) throws Exception {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(tokenUrl())
				.expirationTime(Date.from(Instant.now().plusSeconds(240))).jwtID(UUID.randomUUID().toString()).build();
		SignedJWT assertion = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS384).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
		assertion.sign(new RSASSASigner(key));
		String form = "grant_type=client_credentials&scope=" + enc(scope)
				+ "&client_assertion_type=" + enc("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
				+ "&client_assertion=" + enc(assertion.serialize());
		HttpResponse<String> response = Http.send("POST", tokenUrl(), Map.of("Content-Type", "application/x-www-form-urlencoded",
				"Authorization", Http.NO_TOKEN), form);
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Token request failed: " + response.statusCode() + " " + response.body());
		}
		JsonNode token = JSON.readTree(response.body());
		return "Bearer " + token.get("access_token").asText();
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}
}
