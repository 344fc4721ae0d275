package io.smartvitals.conformance.smart;

import io.smartvitals.conformance.support.Browser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import io.smartvitals.conformance.smart.SmartTenant.Client;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Requests to a tenant's token endpoint, authenticated the way each client type must: public
 * clients send {@code client_id} in the body, symmetric ones HTTP Basic, asymmetric ones a
 * {@code private_key_jwt} assertion signed RS384. Well-formed grants go through Nimbus's
 * {@link TokenRequest}; malformed ones (the refusal tests) are written as raw forms.
 */
final class TokenEndpoint {

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final HttpClient HTTP = HttpClient.newHttpClient();

	/** A token endpoint (or introspection, revocation) answer. */
	record Answer(int status, Map<String, List<String>> headers, String body) {

		JsonNode json() {
			try {
				return JSON.readTree(body);
			} catch (IOException e) {
				throw new AssertionError("Not JSON (" + status + "): " + body);
			}
		}

		Optional<String> header(String name) {
			return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).flatMap(e -> e.getValue().stream()).findFirst();
		}

		String text(String field) {
			JsonNode value = json().get(field);
			return value == null ? null : value.asText();
		}

		@Override
		public String toString() {
			return status + " " + body;
		}
	}

	private TokenEndpoint() {}

	/** {@code grant_type=authorization_code} for the flow's client, with its PKCE verifier. */
	static Answer exchange(AuthorizationFlow flow, String code) {
		AuthorizationGrant grant = new AuthorizationCodeGrant(new AuthorizationCode(code), URI.create(flow.parameters.get("redirect_uri")),
				flow.verifier);
		return send(flow.tenant, flow.client, grant, null);
	}

	/** {@code grant_type=client_credentials} with the client's {@code private_key_jwt} assertion (Nimbus builds it). */
	static Answer clientCredentials(SmartTenant tenant, Client client, String scope) {
		return send(tenant, client, new com.nimbusds.oauth2.sdk.ClientCredentialsGrant(), Scope.parse(scope));
	}

	static Answer refresh(SmartTenant tenant, Client client, String refreshToken, String scope) {
		return send(tenant, client, new RefreshTokenGrant(new RefreshToken(refreshToken)), scope == null ? null : Scope.parse(scope));
	}

	private static Answer send(SmartTenant tenant, Client client, AuthorizationGrant grant, Scope scope) {
		URI endpoint = URI.create(tenant.tokenUrl());
		ClientAuthentication authentication = authentication(tenant, client, endpoint);
		TokenRequest request = authentication == null
				? new TokenRequest(endpoint, new ClientID(client.id()), grant, scope)
				: new TokenRequest(endpoint, authentication, grant, scope);
		return send(request.toHTTPRequest());
	}

	/** A raw form to {@code endpoint} (token, introspect, revoke) with the client's authentication added. */
	static Answer post(SmartTenant tenant, Client client, String endpoint, String... pairs) {
		List<String> fields = new ArrayList<>(List.of(pairs));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tenant.issuer() + "/" + endpoint))
				.header("Content-Type", "application/x-www-form-urlencoded");
		if (client != null) {
			switch (client.type()) {
				case "public" -> {
					fields.add("client_id");
					fields.add(client.id());
				}
				case "confidential-symmetric" -> request.header("Authorization", basic(client.id(), client.secret()));
				default -> ((PrivateKeyJWT) authentication(tenant, client, URI.create(tenant.tokenUrl()))).toParameters().forEach((name, values) -> {
					fields.add(name);
					fields.add(values.get(0));
				});
			}
		}
		return post(request, fields);
	}

	/** A raw form with exactly these fields and headers, nothing added. */
	static Answer postRaw(String url, Map<String, String> headers, String... pairs) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded");
		headers.forEach(request::header);
		return post(request, List.of(pairs));
	}

	static String basic(String clientId, String secret) {
		return "Basic " + Base64.getEncoder().encodeToString((Browser.encode(clientId) + ":" + Browser.encode(secret)).getBytes(StandardCharsets.UTF_8));
	}

	static ClientAuthentication authentication(SmartTenant tenant, Client client, URI endpoint) {
		try {
			return switch (client.type()) {
				case "public" -> null;
				case "confidential-symmetric" -> new ClientSecretBasic(new ClientID(client.id()), new Secret(client.secret()));
				default -> new PrivateKeyJWT(new ClientID(client.id()), endpoint, JWSAlgorithm.RS384, client.key().toRSAPrivateKey(),
						client.key().getKeyID(), null);
			};
		} catch (JOSEException e) {
			throw new IllegalStateException(e);
		}
	}

	private static Answer post(HttpRequest.Builder request, List<String> fields) {
		try {
			HttpResponse<String> response = HTTP.send(request.POST(HttpRequest.BodyPublishers.ofString(Browser.form(fields))).build(),
					HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.headers().map(), response.body());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private static Answer send(HTTPRequest request) {
		try {
			HTTPResponse response = request.send();
			return new Answer(response.getStatusCode(), response.getHeaderMap(), response.getBody() == null ? "" : response.getBody());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
