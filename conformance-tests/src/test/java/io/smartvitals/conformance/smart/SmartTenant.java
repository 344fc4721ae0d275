package io.smartvitals.conformance.smart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.smartvitals.conformance.support.Http;
import io.smartvitals.conformance.support.RunningServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh tenant set up only through the public APIs, the way an operator would: a practitioner
 * and two patients (FHIR), a user for the practitioner and one for the first patient (users admin
 * API), and one client of each SMART type (clients admin API).
 */
final class SmartTenant {

	static final String PASSWORD = "a long conformance password";
	static final String PRACTITIONER_USER = "dr.sim";
	static final String PATIENT_USER = "pat.one";
	static final String REDIRECT_URI = "https://app.example/callback";
	/** What the user-facing apps may ask for; each request asks for a part of it. */
	static final List<String> APP_SCOPES = List.of("launch", "launch/patient", "launch/encounter", "openid", "fhirUser",
			"offline_access", "online_access", "patient/*.rs", "user/*.rs");
	static final List<String> BACKEND_SCOPES = List.of("system/Patient.rs", "system/Observation.rs", "system/launch");

	private static final ObjectMapper JSON = new ObjectMapper();

	/** A registered client; {@code secret} only for symmetric, {@code key} only for asymmetric clients. */
	record Client(String id, String type, String secret, RSAKey key) {}

	final RunningServer server;
	final String id;
	final String practitioner;
	final String patient;
	final String otherPatient;
	final String encounter;
	final Client publicApp;
	final Client symmetricApp;
	final Client asymmetricApp;
	final Client backend;
	/** TOTP secrets enrolled by the flows of this tenant, and the last time step each user spent. */
	final Map<String, byte[]> totpSecrets = new java.util.concurrent.ConcurrentHashMap<>();
	final Map<String, Long> lastTotpStep = new java.util.concurrent.ConcurrentHashMap<>();

	private SmartTenant(RunningServer server, String id) {
		this.server = server;
		this.id = Http.createTenant(server, id);
		this.practitioner = create("Practitioner", "{\"resourceType\":\"Practitioner\",\"name\":[{\"family\":\"Sim\",\"given\":[\"Dana\"]}]}");
		// The practitioner works at clinic one: the first patient is theirs, the other is clinic two's.
		String clinicOne = create("Organization", "{\"resourceType\":\"Organization\",\"name\":\"Clinic One\"}");
		String clinicTwo = create("Organization", "{\"resourceType\":\"Organization\",\"name\":\"Clinic Two\"}");
		create("PractitionerRole", "{\"resourceType\":\"PractitionerRole\",\"practitioner\":{\"reference\":\"Practitioner/"
				+ practitioner + "\"},\"organization\":{\"reference\":\"Organization/" + clinicOne + "\"}}");
		this.patient = create("Patient", patientJson("One", "Pat", clinicOne));
		this.otherPatient = create("Patient", patientJson("Two", "Quinn", clinicTwo));
		this.encounter = create("Encounter", "{\"resourceType\":\"Encounter\",\"status\":\"in-progress\",\"class\":{\"system\":"
				+ "\"http://terminology.hl7.org/CodeSystem/v3-ActCode\",\"code\":\"AMB\"},\"subject\":{\"reference\":\"Patient/" + patient + "\"}}");
		user(PRACTITIONER_USER, "Practitioner/" + practitioner, "practitioner");
		user(PATIENT_USER, "Patient/" + patient, "patient");
		this.publicApp = register("public-app", "public", List.of("ehr", "standalone"), APP_SCOPES, null);
		this.symmetricApp = register("symmetric-app", "confidential-symmetric", List.of("ehr", "standalone"), APP_SCOPES, null);
		this.asymmetricApp = register("asymmetric-app", "confidential-asymmetric", List.of("ehr", "standalone"), APP_SCOPES, newKey("app-key"));
		this.backend = register("backend-service", "confidential-asymmetric", List.of("backend"), BACKEND_SCOPES, newKey("backend-key"));
	}

	static SmartTenant create(RunningServer server, String prefix) {
		return new SmartTenant(server, prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
	}

	String base() {
		return server.base(id);
	}

	String issuer() {
		return server.root() + "/auth/" + id;
	}

	String authorizeUrl() {
		return issuer() + "/authorize";
	}

	String tokenUrl() {
		return issuer() + "/token";
	}

	Client register(String clientId, String type, List<String> launchTypes, List<String> scopes, RSAKey key) {
		return register(clientId, type, launchTypes, scopes, key, Instant.now().plusSeconds(7 * 86400));
	}

	Client register(String clientId, String type, List<String> launchTypes, List<String> scopes, RSAKey key, Instant expiresAt) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("clientId", clientId);
		body.put("name", "Conformance " + clientId);
		body.put("type", type);
		body.put("launchTypes", launchTypes);
		body.put("scopes", scopes);
		if (!launchTypes.equals(List.of("backend"))) {
			body.put("redirectUris", List.of(REDIRECT_URI));
			body.put("launchUri", "https://app.example/launch");
		}
		if (key != null) {
			body.put("jwks", new JWKSet(key.toPublicJWK()).toJSONObject());
		}
		body.put("owner", "conformance suite");
		body.put("purpose", "SMART App Launch conformance");
		body.put("expiresAt", expiresAt.toString());
		JsonNode created = admin("POST", "/admin/tenants/" + id + "/clients", body, 201);
		return new Client(clientId, type, created.path("clientSecret").asText(null), key);
	}

	/** Calls the admin API with the operator token; fails the suite set-up on any other status. */
	JsonNode admin(String method, String path, Object body, int expected) {
		try {
			HttpResponse<String> response = Http.send(method, server.root() + path,
					Map.of("Authorization", "Bearer " + RunningServer.OPERATOR_TOKEN, "Content-Type", "application/json"),
					body == null ? null : JSON.writeValueAsString(body));
			if (response.statusCode() != expected) {
				throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
			}
			return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private void user(String username, String fhirUser, String kind) {
		admin("POST", "/admin/tenants/" + id + "/users",
				Map.of("username", username, "password", PASSWORD, "fhirUser", fhirUser, "kind", kind), 201);
	}

	private String create(String type, String json) {
		HttpResponse<String> created = Http.fhir("POST", base() + "/" + type, json);
		if (created.statusCode() != 201) {
			throw new IllegalStateException("Could not create " + type + ": " + created.statusCode() + " " + created.body());
		}
		try {
			return JSON.readTree(created.body()).get("id").asText();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static String patientJson(String family, String given, String organization) {
		return "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + family + "\",\"given\":[\"" + given + "\"]}],\"gender\":\"other\","
				+ "\"managingOrganization\":{\"reference\":\"Organization/" + organization + "\"}}";
	}

	static RSAKey newKey(String kid) {
		try {
			return new RSAKeyGenerator(2048).keyID(kid).generate();
		} catch (JOSEException e) {
			throw new IllegalStateException(e);
		}
	}
}
