package io.smartvitals.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import io.smartvitals.smart.auth.keys.TenantSigningKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The whole application on a random port over embedded H2 (in memory). Every test class that
 * extends this shares one Spring context, so HAPI starts once per test JVM. Tests talk HTTP only.
 */
@SpringBootTest(
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {
			"spring.datasource.url=jdbc:h2:mem:vitals-it;DB_CLOSE_DELAY=-1",
			"vitals.operator-token=" + ServerOverHttp.OPERATOR_TOKEN,
			"vitals.max-request-body=256KB",
			"vitals.reuse-cached-search-results=0s",
			// Short account waits, so a test can lock an account by waiting them out (they do not count inside).
			"vitals.auth.login.throttle-delay=100ms",
			"vitals.auth.login.max-delay=200ms",
			"vitals.auth.key-encryption-key=" + ServerOverHttp.TEST_KEK
		})
public abstract class ServerOverHttp {

	public static final String OPERATOR_TOKEN = "it-operator-token-0123456789";
	/** A fixed test key-encryption key (32 zero-based bytes); never used outside tests. */
	public static final String TEST_KEK = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
	protected static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final HttpClient HTTP = HttpClient.newHttpClient();

	static {
		FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		FHIR.getRestfulClientFactory().setSocketTimeout(120_000);
	}

	/** Full access to one tenant, what most tests need: a backend token with system/*.cruds. */
	public static final String SYSTEM_SCOPES = "system/*.cruds system/access-policy";

	@LocalServerPort
	protected int port;

	@Autowired
	protected TenantSigningKeys signingKeys;

	/** Tokens signed with the tenant's own key, exactly as the authorization server will issue them. */
	protected TestTokens tokens() {
		return new TestTokens(signingKeys, root());
	}

	protected String root() {
		return "http://localhost:" + port;
	}

	protected String base(String tenant) {
		return root() + "/fhir/" + tenant;
	}

	/** A FHIR client of one tenant with a system/*.cruds token. */
	protected IGenericClient client(String tenant) {
		return client(tenant, tokens().system(tenant, SYSTEM_SCOPES));
	}

	protected IGenericClient client(String tenant, String accessToken) {
		IGenericClient client = FHIR.newRestfulGenericClient(base(tenant));
		client.registerInterceptor(new BearerTokenAuthInterceptor(accessToken));
		return client;
	}

	/** A fresh, well-formed tenant id, so test classes never collide. */
	protected static String uniqueTenantId(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	protected String createTenant(String id) throws IOException, InterruptedException {
		HttpResponse<String> response = admin("POST", "/admin/tenants", "{\"id\":\"" + id + "\",\"displayName\":\"" + id + "\"}");
		if (response.statusCode() != 201) {
			throw new IllegalStateException("Tenant creation failed: " + response.statusCode() + " " + response.body());
		}
		return id;
	}

	protected HttpResponse<String> admin(String method, String path, String json) throws IOException, InterruptedException {
		return send(method, root() + path, "Bearer " + OPERATOR_TOKEN, "application/json", json);
	}

	protected HttpResponse<String> send(String method, String url, String authorization, String contentType, String body)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
				.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (authorization == null && url.startsWith(root() + "/fhir/")) {
			// FHIR calls without an explicit credential get full access to the URL's tenant; pass "" for no token.
			String tenant = url.substring((root() + "/fhir/").length()).split("[/?]")[0];
			authorization = signingKeys.signingKey(tenant).isPresent() ? "Bearer " + tokens().system(tenant, SYSTEM_SCOPES) : "";
		}
		if (authorization != null && !authorization.isEmpty()) {
			request.header("Authorization", authorization);
		}
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		request.header("Accept", "application/fhir+json, application/json");
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	protected HttpResponse<String> get(String url) throws IOException, InterruptedException {
		return send("GET", url, null, null, null);
	}
}
