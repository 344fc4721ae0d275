package io.smartvitals.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartvitals.server.ServerOverHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

/** Asks a server in the {@code proxy} profile for a tenant's discovery document, as a proxy would. */
final class ForwardedHeaders {

	private ForwardedHeaders() {}

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	/** The SMART configuration of a new tenant, asked for with or without a proxy's forwarded headers. */
	static JsonNode discovery(int port, boolean withForwardedHeaders) throws Exception {
		String tenant = "fwd-" + UUID.randomUUID().toString().substring(0, 8);
		HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/admin/tenants"))
				.header("Authorization", "Bearer " + ServerOverHttp.OPERATOR_TOKEN).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + tenant + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(created.statusCode()).isEqualTo(201);
		HttpRequest.Builder request = HttpRequest.newBuilder(
				URI.create("http://localhost:" + port + "/fhir/" + tenant + "/.well-known/smart-configuration"));
		if (withForwardedHeaders) {
			request.header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "vitals.example.org").header("X-Forwarded-For", "203.0.113.9");
		}
		JsonNode smart = new ObjectMapper().readTree(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
		((com.fasterxml.jackson.databind.node.ObjectNode) smart).put("tenant", tenant);
		return smart;
	}
}
