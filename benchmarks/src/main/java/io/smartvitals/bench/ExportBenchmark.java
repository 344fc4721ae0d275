package io.smartvitals.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Bulk Data {@code $export} of a tenant's vitals, with enforcement off (baseline: HAPI's Batch2
 * export, nothing of ours on the resources) and on (backend token, per-resource scope and consent
 * check), in the same run: fresh database and server process per mode, the same data, the export
 * driven from this separate process like a bulk data client (kick-off, poll, download every file).
 * Reports resources/s to the complete manifest and including the downloads, and the server's
 * peak RSS before and after the export (memory should not grow with the export).
 */
public final class ExportBenchmark {

	record Figures(String mode, long resources, int files, double exportSeconds, double totalSeconds, long rssBeforeMiB, long rssAfterMiB) {}

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final HttpClient HTTP = HttpClient.newHttpClient();

	public static void main(String[] args) throws Exception {
		Arguments a = Arguments.parse(args);
		int vitals = a.getInt("vitals", 100_000);
		int patients = a.getInt("patients", 1_000);
		int threads = a.getInt("threads", 2);
		String pg = a.get("postgres", "jdbc:postgresql://127.0.0.1:5432/");
		String user = a.get("user", "postgres");
		Path jar = Path.of(a.get("server-jar", "fhir-server/target/fhir-server-0.1.0-SNAPSHOT-exec.jar"));
		List<Figures> results = new ArrayList<>();
		for (String mode : a.get("modes", "enforcement-off,enforcement-on").split(",")) {
			String db = "vitals_bench_export_" + mode.replace('-', '_') + "_" + System.currentTimeMillis();
			try (Connection admin = DriverManager.getConnection(pg + "postgres", user, "")) {
				admin.createStatement().execute("CREATE DATABASE " + db);
			}
			boolean enforcement = switch (mode) {
				case "enforcement-off" -> false;
				case "enforcement-on" -> true;
				default -> throw new IllegalArgumentException("Unknown mode " + mode);
			};
			List<String> extra = new ArrayList<>(List.of("--vitals.vital-signs-validation=false", "--vitals.bulk.job-maintenance-interval=1s",
					"--vitals.bulk.min-poll-interval=0s"));
			if (!enforcement) {
				extra.addAll(List.of("--vitals.enforcement.enabled=false", "--vitals.enforcement.allow-disabling=true"));
			}
			Path log = Files.createTempFile("export-bench-" + mode, ".log");
			System.out.printf("[%s] starting server (log %s)%n", mode, log);
			try (ServerProcess server = ServerProcess.start(jar, 19000 + ThreadLocalRandom.current().nextInt(1000), pg + db, user, extra, log)) {
				String base = server.createTenant("bench");
				String writeToken = enforcement ? server.tokens().system("bench", "system/*.cruds system/access-policy") : null;
				BulkVitalsWriter writer = new BulkVitalsWriter(base, writeToken);
				List<String> ids = writer.createPatients(patients, 100);
				BulkVitalsWriter.Result ingest = writer.writeVitals(ids, vitals / patients, 100, threads);
				System.out.printf(Locale.ROOT, "[%s] loaded %d vitals in %.0f s%n", mode, ingest.vitals(), ingest.seconds());
				Vacuum.analyze(pg + db, user);
				String token = enforcement ? server.tokens().system("bench", "system/Observation.rs system/Patient.rs") : null;
				// Warm-up: a small export that is not counted.
				export(base + "/Patient/$export?_type=Patient", token);
				long before = server.peakRssMiB();
				Figures f = export(mode, base + "/$export?_type=Observation", token, before, server);
				System.out.printf(Locale.ROOT, "[%s] exported %d resources in %d files: %.1f s to manifest, %.1f s with downloads; peak RSS %d -> %d MiB%n",
						mode, f.resources(), f.files(), f.exportSeconds(), f.totalSeconds(), f.rssBeforeMiB(), f.rssAfterMiB());
				results.add(f);
			}
			try (Connection admin = DriverManager.getConnection(pg + "postgres", user, "")) {
				admin.createStatement().execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
			}
		}
		System.out.println();
		System.out.printf(Locale.ROOT, "Export benchmark: %d vitals of %d patients, _type=Observation%n", vitals, patients);
		System.out.println("| mode | resources | files | s to manifest | resources/s (manifest) | s incl. download | resources/s (incl. download) | peak RSS before MiB | peak RSS after MiB |");
		System.out.println("|---|---|---|---|---|---|---|---|---|");
		for (Figures f : results) {
			System.out.printf(Locale.ROOT, "| %s | %d | %d | %.1f | %.0f | %.1f | %.0f | %d | %d |%n", f.mode(), f.resources(), f.files(),
					f.exportSeconds(), f.resources() / f.exportSeconds(), f.totalSeconds(), f.resources() / f.totalSeconds(),
					f.rssBeforeMiB(), f.rssAfterMiB());
		}
		if (results.size() == 2) {
			System.out.printf(Locale.ROOT, "Ratio %s/%s resources/s: to manifest %.2f, incl. download %.2f%n", results.get(1).mode(), results.get(0).mode(),
					results.get(0).exportSeconds() / results.get(1).exportSeconds(), results.get(0).totalSeconds() / results.get(1).totalSeconds());
		}
	}

	private static void export(String kickoff, String token) throws Exception {
		export("warm-up", kickoff, token, 0, null);
	}

	private static Figures export(String mode, String kickoff, String token, long rssBefore, ServerProcess server) throws Exception {
		long start = System.nanoTime();
		HttpResponse<String> accepted = HTTP.send(request(kickoff, token).header("Accept", "application/fhir+json")
				.header("Prefer", "respond-async").build(), HttpResponse.BodyHandlers.ofString());
		if (accepted.statusCode() != 202) {
			throw new IllegalStateException("Kick-off refused: " + accepted.statusCode() + " " + accepted.body());
		}
		String status = accepted.headers().firstValue("Content-Location").orElseThrow();
		JsonNode manifest;
		while (true) {
			HttpResponse<String> polled = HTTP.send(request(status, token).build(), HttpResponse.BodyHandlers.ofString());
			if (polled.statusCode() == 200) {
				manifest = JSON.readTree(polled.body());
				break;
			}
			if (polled.statusCode() != 202) {
				throw new IllegalStateException("Status " + polled.statusCode() + ": " + polled.body());
			}
			Thread.sleep(500);
		}
		double toManifest = (System.nanoTime() - start) / 1e9;
		long lines = 0;
		int files = 0;
		for (JsonNode file : manifest.get("output")) {
			files++;
			HttpResponse<java.io.InputStream> body = HTTP.send(request(file.get("url").asText(), token).build(), HttpResponse.BodyHandlers.ofInputStream());
			try (BufferedReader reader = new BufferedReader(new InputStreamReader(body.body(), StandardCharsets.UTF_8))) {
				while (reader.readLine() != null) {
					lines++;
				}
			}
		}
		double total = (System.nanoTime() - start) / 1e9;
		return new Figures(mode, lines, files, toManifest, total, rssBefore, server == null ? 0 : server.peakRssMiB());
	}

	private static HttpRequest.Builder request(String url, String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url));
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder;
	}
}
