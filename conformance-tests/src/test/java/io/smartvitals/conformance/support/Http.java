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

	public static HttpResponse<String> send(String method, String url, Map<String, String> headers, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
				.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		headers.forEach(request::header);
		try {
			return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
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
