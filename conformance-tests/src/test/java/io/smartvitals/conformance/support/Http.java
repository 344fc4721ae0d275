package io.smartvitals.conformance.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Plain HTTP for what a FHIR client would hide: raw paths, headers, status codes. */
public final class Http {

	private static final HttpClient CLIENT = HttpClient.newHttpClient();

	private Http() {}

	/** Header value meaning "send no Authorization header at all". */
	public static final String NO_TOKEN = "";

	/**
	 * Sends a request. A FHIR call without an {@code Authorization} header gets a system/*.cruds
	 * token of the tenant its URL names (when that tenant exists); {@link #NO_TOKEN} sends none.
	 */
	public static HttpResponse<String> send(String method, String url, Map<String, String> headers, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
				.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		Map<String, String> all = new java.util.LinkedHashMap<>(headers);
		if (!all.containsKey("Authorization")) {
			defaultAuthorization(url).ifPresent(value -> all.put("Authorization", value));
		}
		all.forEach((name, value) -> {
			if (!("Authorization".equals(name) && value.isEmpty())) {
				request.header(name, value);
			}
		});
		try {
			return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private static java.util.Optional<String> defaultAuthorization(String url) {
		java.util.Optional<RunningServer> server = RunningServer.onPostgres();
		if (server.isEmpty() || !url.startsWith(server.get().root() + "/fhir/")) {
			return java.util.Optional.empty();
		}
		String tenant = url.substring((server.get().root() + "/fhir/").length()).split("[/?;]")[0];
		try {
			return java.util.Optional.of(server.get().systemAuthorization(tenant));
		} catch (IllegalStateException noSuchTenant) {
			return java.util.Optional.empty();
		}
	}

	public static HttpResponse<String> get(String url, String authorization) {
		return send("GET", url, Map.of("Accept", "application/fhir+json", "Authorization", authorization), null);
	}

	public static HttpResponse<String> get(String url) {
		return send("GET", url, Map.of("Accept", "application/fhir+json"), null);
	}

	public static HttpResponse<String> fhir(String method, String url, String json) {
		return send(method, url, Map.of("Accept", "application/fhir+json", "Content-Type", "application/fhir+json"), json);
	}

	public static String createTenant(RunningServer server, String id) {
		HttpResponse<String> response = send("POST", server.root() + "/admin/tenants",
				Map.of("Authorization", "Bearer " + RunningServer.OPERATOR_TOKEN, "Content-Type", "application/json"),
				"{\"id\":\"" + id + "\",\"displayName\":\"" + id + "\"}");
		if (response.statusCode() != 201) {
			throw new IllegalStateException("Could not create tenant " + id + ": " + response.statusCode() + " " + response.body());
		}
		return id;
	}
}
