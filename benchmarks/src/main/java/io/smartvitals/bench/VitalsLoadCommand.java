package io.smartvitals.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Loads N patients x M vitals into a tenant of a running server, creating the tenant first if
 * needed. Usage (docs/develop/benchmarking.md):
 * {@code VitalsLoadCommand --url http://localhost:8080 --tenant bench --patients 100 --vitals 50 --operator-token T --access-token A}
 * where A is a bearer token of the tenant with system/*.cruds (env ACCESS_TOKEN), or
 * {@code --jdbc-url U --kek K} to mint one from the server's database with its key-encryption key.
 */
public final class VitalsLoadCommand {

	public static void main(String[] args) throws Exception {
		Arguments arguments = Arguments.parse(args);
		String url = arguments.get("url", "http://localhost:8080");
		String tenant = arguments.get("tenant", "bench");
		int patients = arguments.getInt("patients", 100);
		int vitals = arguments.getInt("vitals", 50);
		String token = arguments.get("operator-token", System.getenv().getOrDefault("OPERATOR_TOKEN", ""));
		HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/admin/tenants"))
				.header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + tenant + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
		if (created.statusCode() != 201 && created.statusCode() != 409) {
			throw new IllegalStateException("Cannot create tenant " + tenant + ": " + created.statusCode() + " " + created.body());
		}
		String accessToken = arguments.get("access-token", System.getenv().getOrDefault("ACCESS_TOKEN", ""));
		if (accessToken.isBlank() && arguments.values().containsKey("kek")) {
			accessToken = new AccessTokens(arguments.get("jdbc-url", ""), arguments.get("db-user", "postgres"),
					arguments.get("db-password", ""), arguments.get("kek", ""), url).system(tenant, "system/*.cruds system/access-policy");
		}
		BulkVitalsWriter writer = new BulkVitalsWriter(url + "/fhir/" + tenant, accessToken);
		var ids = writer.createPatients(patients, 100);
		BulkVitalsWriter.Result result = writer.writeVitals(ids, vitals, 100, arguments.getInt("threads", 2));
		System.out.printf("Loaded %d patients and %d vitals into %s in %.1f s (%.0f vitals/s)%n",
				ids.size(), result.vitals(), tenant, result.seconds(), result.vitalsPerSecond());
	}
}
