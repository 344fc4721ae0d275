package io.smartvitals.conformance.smart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartvitals.conformance.support.Http;
import io.smartvitals.conformance.support.PostgresSuite;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** CHECKLIST "Discovery" D1-D7: what a SMART app and Inferno read before any launch, over HTTP, without a token. */
class DiscoveryIT extends PostgresSuite {

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final String ORIGIN = "https://app.example";
	private static SmartTenant tenant;

	@BeforeAll
	static void tenant() {
		tenant = SmartTenant.create(server, "discovery");
	}

	private static HttpResponse<String> anonymous(String method, String url, String... headers) {
		Map<String, String> all = new java.util.LinkedHashMap<>();
		all.put("Authorization", Http.NO_TOKEN);
		all.put("Origin", ORIGIN);
		for (int i = 0; i < headers.length; i += 2) {
			all.put(headers[i], headers[i + 1]);
		}
		return Http.send(method, url, all, null);
	}

	private static JsonNode json(HttpResponse<String> response) throws IOException {
		return JSON.readTree(response.body());
	}

	private static JsonNode smartConfiguration() throws IOException {
		return json(anonymous("GET", tenant.base() + "/.well-known/smart-configuration"));
	}

	private static void allowsOrigin(HttpResponse<String> response) {
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).as("Access-Control-Allow-Origin")
				.hasValueSatisfying(v -> assertThat(v).isIn("*", ORIGIN));
	}

	@Test
	@DisplayName("D1 smart-configuration is public application/json with absolute URLs and CORS (also /metadata)")
	void d1SmartConfigurationIsPublicJsonWithCors() throws IOException {
		HttpResponse<String> response = anonymous("GET", tenant.base() + "/.well-known/smart-configuration");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
		allowsOrigin(response);
		JsonNode body = json(response);
		List<String> urls = new ArrayList<>();
		body.fields().forEachRemaining(f -> {
			if (f.getKey().endsWith("_endpoint") || f.getKey().endsWith("_uri") || f.getKey().equals("issuer")) {
				urls.add(f.getValue().asText());
			}
		});
		assertThat(urls).isNotEmpty().allSatisfy(url -> assertThat(URI.create(url).isAbsolute()).as(url).isTrue());

		HttpResponse<String> metadata = anonymous("GET", tenant.base() + "/metadata", "Accept", "application/fhir+json");
		assertThat(metadata.statusCode()).isEqualTo(200);
		allowsOrigin(metadata);
	}

	@Test
	@DisplayName("D2 smart-configuration has the required fields and STU 2 capability names")
	void d2RequiredFields() throws IOException {
		JsonNode body = smartConfiguration();
		assertThat(body.get("authorization_endpoint").asText()).isEqualTo(tenant.authorizeUrl());
		assertThat(body.get("token_endpoint").asText()).isEqualTo(tenant.tokenUrl());
		assertThat(texts(body.get("grant_types_supported"))).contains("authorization_code");
		assertThat(body.get("code_challenge_methods_supported").isArray()).isTrue();
		assertThat(texts(body.get("token_endpoint_auth_signing_alg_values_supported"))).contains("RS384", "ES384");
		List<String> capabilities = texts(body.get("capabilities"));
		assertThat(capabilities).contains("context-banner", "context-style")
				.noneSatisfy(c -> assertThat(c).startsWith("context-passthrough"));
		if (capabilities.contains("sso-openid-connect")) {
			assertThat(body.get("issuer").asText()).isEqualTo(tenant.issuer());
			assertThat(body.get("jwks_uri").asText()).isEqualTo(tenant.issuer() + "/jwks");
		}
	}

	@Test
	@DisplayName("D3 code_challenge_methods_supported has S256 and not plain")
	void d3OnlyS256() throws IOException {
		assertThat(texts(smartConfiguration().get("code_challenge_methods_supported"))).contains("S256").doesNotContain("plain");
	}

	@Test
	@DisplayName("D4 /metadata without a token has the oauth-uris extension agreeing with the well-known, service SMART-on-FHIR")
	void d4CapabilityStatementSecurity() throws IOException {
		HttpResponse<String> response = anonymous("GET", tenant.base() + "/metadata", "Accept", "application/fhir+json");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode security = json(response).get("rest").get(0).get("security");
		JsonNode oauthUris = null;
		for (JsonNode extension : security.get("extension")) {
			if (extension.get("url").asText().equals("http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris")) {
				oauthUris = extension;
			}
		}
		assertThat(oauthUris).as("oauth-uris extension").isNotNull();
		JsonNode wellKnown = smartConfiguration();
		assertThat(subExtension(oauthUris, "authorize")).isEqualTo(wellKnown.get("authorization_endpoint").asText());
		assertThat(subExtension(oauthUris, "token")).isEqualTo(wellKnown.get("token_endpoint").asText());
		List<String> codes = new ArrayList<>();
		security.get("service").forEach(s -> s.get("coding").forEach(c -> codes.add(c.get("code").asText())));
		assertThat(codes).contains("SMART-on-FHIR");
	}

	@Test
	@DisplayName("D5 openid-configuration of the issuer agrees with the SMART configuration")
	void d5OpenIdConfiguration() throws IOException {
		JsonNode smart = smartConfiguration();
		HttpResponse<String> response = anonymous("GET", tenant.issuer() + "/.well-known/openid-configuration");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
		JsonNode oidc = json(response);
		assertThat(oidc.get("issuer").asText()).isEqualTo(tenant.issuer());
		assertThat(oidc.get("authorization_endpoint").asText()).isEqualTo(smart.get("authorization_endpoint").asText());
		assertThat(oidc.get("token_endpoint").asText()).isEqualTo(smart.get("token_endpoint").asText());
		assertThat(oidc.get("jwks_uri").asText()).isEqualTo(tenant.issuer() + "/jwks");
		assertThat(texts(oidc.get("response_types_supported"))).contains("code");
		assertThat(oidc.get("subject_types_supported").isArray()).isTrue();
		assertThat(texts(oidc.get("id_token_signing_alg_values_supported"))).contains("RS256");
		if (smart.has("issuer")) {
			assertThat(smart.get("issuer").asText()).isEqualTo(oidc.get("issuer").asText());
			assertThat(smart.get("jwks_uri").asText()).isEqualTo(oidc.get("jwks_uri").asText());
		}
	}

	@Test
	@DisplayName("D6 JWKS has public keys with kid and no private parameter")
	void d6Jwks() throws IOException {
		HttpResponse<String> response = anonymous("GET", tenant.issuer() + "/jwks");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode keys = json(response).get("keys");
		assertThat(keys.size()).isPositive();
		keys.forEach(key -> {
			assertThat(key.hasNonNull("kid")).isTrue();
			assertThat(key.has("d") || key.has("p") || key.has("q") || key.has("dp") || key.has("dq") || key.has("qi")).isFalse();
		});
	}

	@Test
	@DisplayName("D7 FHIR API and token endpoint answer CORS preflight; /authorize and login send no CORS headers")
	void d7Cors() {
		for (String url : List.of(tenant.base() + "/Patient", tenant.base() + "/Observation?patient=1", tenant.tokenUrl())) {
			String method = url.endsWith("/token") ? "POST" : "GET";
			HttpResponse<String> preflight = anonymous("OPTIONS", url, "Access-Control-Request-Method", method,
					"Access-Control-Request-Headers", "authorization");
			assertThat(preflight.statusCode()).as("preflight of %s: %s %s", url, preflight.headers().map(), preflight.body()).isBetween(200, 204);
			allowsOrigin(preflight);
			assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase()).contains("authorization");
		}
		HttpResponse<String> read = Http.send("GET", tenant.base() + "/Patient/" + tenant.patient,
				Map.of("Origin", ORIGIN, "Accept", "application/fhir+json", "Authorization", server.systemAuthorization(tenant.id)), null);
		assertThat(read.statusCode()).isEqualTo(200);
		allowsOrigin(read);
		HttpResponse<String> denied = anonymous("GET", tenant.base() + "/Patient/" + tenant.patient, "Accept", "application/fhir+json");
		assertThat(denied.statusCode()).isEqualTo(401);
		allowsOrigin(denied);

		HttpResponse<String> authorize = anonymous("GET", new AuthorizationFlow(tenant, tenant.publicApp, "openid").authorizationRequestUrl());
		assertThat(authorize.headers().firstValue("Access-Control-Allow-Origin")).as("/authorize").isEmpty();
		HttpResponse<String> authorizePreflight = anonymous("OPTIONS", tenant.authorizeUrl(), "Access-Control-Request-Method", "GET");
		assertThat(authorizePreflight.headers().firstValue("Access-Control-Allow-Origin")).as("/authorize preflight").isEmpty();
		HttpResponse<String> login = anonymous("GET", tenant.issuer() + "/login");
		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(login.headers().firstValue("Access-Control-Allow-Origin")).as("login page").isEmpty();
	}

	private static String subExtension(JsonNode extension, String url) {
		for (JsonNode sub : extension.get("extension")) {
			if (sub.get("url").asText().equals(url)) {
				return sub.get("valueUri").asText();
			}
		}
		return null;
	}

	static List<String> texts(JsonNode array) {
		List<String> values = new ArrayList<>();
		if (array != null) {
			array.forEach(v -> values.add(v.asText()));
		}
		return values;
	}
}
