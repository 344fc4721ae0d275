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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Bulk Data {@code $export} of vitals at growing sizes, driven from this separate process like a
 * bulk data client (kick-off, poll, download every file). Sides, each with its own database and
 * server process:
 * <ul>
 *   <li>{@code stock-hapi}: stock HAPI JPA 8.8.0 and its own {@code $export} (the baseline users
 *       would deploy instead), no security;
 *   <li>{@code vitals}: this server, enforcement on (backend token, per-resource scope and consent);
 *   <li>{@code vitals-enforcement-off}: this server with enforcement off (HAPI's Batch2 export and
 *       nothing of ours on the resources).
 * </ul>
 * Each side is loaded to the first size, exported, then loaded up to the next size and exported
 * again, in the same process: the heap left after each collection during the export (from the
 * server's GC log) must not grow with the size. Loading runs with vital-signs validation off (it
 * is not what is measured) and both sides' Batch2 maintenance pass every second.
 */
public final class ExportBenchmark {

	record Figures(String side, long size, long resources, int files, double exportSeconds, double totalSeconds,
			long maxHeapAfterGcMiB, long collections, long peakRssMiB) {}

	/** One side's running server: where to export, and its process for memory figures. */
	private record Side(String name, String base, String token, BulkVitalsWriter writer, GcLog gc, AutoCloseable process, long pid) {}

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final HttpClient HTTP = HttpClient.newHttpClient();
	private static final int LOAD_CHUNK_PER_PATIENT = 100;

	public static void main(String[] args) throws Exception {
		Arguments a = Arguments.parse(args);
		List<Long> sizes = java.util.Arrays.stream(a.get("sizes", "100000,1000000").split(",")).map(Long::parseLong).toList();
		int patients = a.getInt("patients", 1_000);
		int threads = a.getInt("threads", 2);
		String pg = a.get("postgres", "jdbc:postgresql://127.0.0.1:5432/");
		String user = a.get("user", "postgres");
		Path jar = Path.of(a.get("server-jar", "fhir-server/target/fhir-server-0.1.0-SNAPSHOT-exec.jar"));
		List<Figures> results = new ArrayList<>();
		for (String sideName : a.get("sides", "stock-hapi,vitals").split(",")) {
			String db = "vitals_bench_export_" + sideName.replace('-', '_') + "_" + System.currentTimeMillis();
			try (Connection admin = DriverManager.getConnection(pg + "postgres", user, "")) {
				admin.createStatement().execute("CREATE DATABASE " + db);
			}
			Path log = Files.createTempFile("export-bench-" + sideName, ".log");
			GcLog gc = new GcLog(Path.of(log + ".gc"));
			System.out.printf("[%s] starting server (log %s, GC log %s)%n", sideName, log, log + ".gc");
			Side side = start(sideName, jar, pg + db, user, gc, log);
			try (AutoCloseable process = side.process()) {
				List<String> ids = side.writer().createPatients(patients, 100);
				// A small export that is not counted: JIT and the job machinery.
				export(side, side.base() + "/Patient/$export?_type=Patient", 0);
				long loaded = 0;
				for (long size : sizes) {
					loaded = load(side, ids, loaded, size, threads);
					Vacuum.analyze(pg + db, user);
					Figures f = export(side, side.base() + "/$export?_type=Observation", size);
					System.out.printf(Locale.ROOT, "[%s] %d: exported %d resources in %d files, %.1f s to manifest, %.1f s with downloads;"
							+ " heap after GC max %d MiB (%d collections); peak RSS %d MiB%n", sideName, size, f.resources(), f.files(),
							f.exportSeconds(), f.totalSeconds(), f.maxHeapAfterGcMiB(), f.collections(), f.peakRssMiB());
					results.add(f);
				}
			}
			try (Connection admin = DriverManager.getConnection(pg + "postgres", user, "")) {
				admin.createStatement().execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
			}
		}
		print(results, patients);
	}

	private static Side start(String name, Path jar, String jdbcUrl, String user, GcLog gc, Path log) throws Exception {
		int port = 19000 + ThreadLocalRandom.current().nextInt(1000);
		List<String> jvm = List.of(gc.jvmOption());
		if (name.equals("stock-hapi")) {
			StockHapiProcess stock = StockHapiProcess.start(port, jdbcUrl, user,
					List.of("--stock.job-maintenance-interval-ms=1000"), jvm, log);
			return new Side(name, stock.base(), null, new BulkVitalsWriter(stock.base(), null), gc, stock, stock.pid());
		}
		boolean enforcement = switch (name) {
			case "vitals" -> true;
			case "vitals-enforcement-off" -> false;
			default -> throw new IllegalArgumentException("Unknown side " + name);
		};
		List<String> extra = new ArrayList<>(List.of("--vitals.vital-signs-validation=false", "--vitals.bulk.job-maintenance-interval=1s",
				"--vitals.bulk.min-poll-interval=0s"));
		if (!enforcement) {
			extra.addAll(List.of("--vitals.enforcement.enabled=false", "--vitals.enforcement.allow-disabling=true"));
		}
		ServerProcess server = ServerProcess.start(jar, port, jdbcUrl, user, extra, jvm, log);
		String base = server.createTenant("bench");
		String writeToken = enforcement ? server.tokens().system("bench", "system/*.cruds system/access-policy") : null;
		String exportToken = enforcement ? server.tokens().system("bench", "system/Observation.rs system/Patient.rs") : null;
		return new Side(name, base, exportToken, new BulkVitalsWriter(base, writeToken), gc, server, server.pid());
	}

	/** Loads vitals up to {@code size} in chunks (the client holds one chunk's bundles at a time). */
	private static long load(Side side, List<String> ids, long loaded, long size, int threads) throws Exception {
		long perPatientDone = loaded / ids.size();
		long perPatientWanted = size / ids.size();
		double seconds = 0;
		while (perPatientDone < perPatientWanted) {
			int chunk = (int) Math.min(LOAD_CHUNK_PER_PATIENT, perPatientWanted - perPatientDone);
			Instant start = BulkVitalsWriter.FIRST_READING.plusSeconds(3600 * perPatientDone);
			seconds += side.writer().writeVitals(ids, chunk, 100, threads, start).seconds();
			perPatientDone += chunk;
		}
		long now = perPatientDone * ids.size();
		System.out.printf(Locale.ROOT, "[%s] loaded %d vitals in all (%d now, %.0f s)%n", side.name(), now, now - loaded, seconds);
		return now;
	}

	private static Figures export(Side side, String kickoff, long size) throws Exception {
		long gcMark = side.gc().mark();
		long start = System.nanoTime();
		HttpResponse<String> accepted = HTTP.send(request(kickoff, side.token()).header("Accept", "application/fhir+json")
				.header("Prefer", "respond-async").build(), HttpResponse.BodyHandlers.ofString());
		if (accepted.statusCode() != 202) {
			throw new IllegalStateException("Kick-off refused: " + accepted.statusCode() + " " + accepted.body());
		}
		String status = accepted.headers().firstValue("Content-Location").orElseThrow();
		JsonNode manifest;
		while (true) {
			HttpResponse<String> polled = HTTP.send(request(status, side.token()).build(), HttpResponse.BodyHandlers.ofString());
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
			// No Accept header: stock HAPI then serves its Binary's raw content, not the resource.
			HttpResponse<java.io.InputStream> body = HTTP.send(request(file.get("url").asText(), side.token()).build(),
					HttpResponse.BodyHandlers.ofInputStream());
			try (BufferedReader reader = new BufferedReader(new InputStreamReader(body.body(), StandardCharsets.UTF_8))) {
				while (reader.readLine() != null) {
					lines++;
				}
			}
		}
		double total = (System.nanoTime() - start) / 1e9;
		if (size > 0 && lines != size) {
			throw new IllegalStateException(side.name() + " exported " + lines + " of " + size + " vitals");
		}
		GcLog.Window gc = side.gc().since(gcMark);
		return new Figures(side.name(), size, lines, files, toManifest, total, gc.maxHeapAfterGcMiB(), gc.collections(),
				ServerProcess.peakRssMiB(side.pid()));
	}

	private static void print(List<Figures> results, int patients) {
		System.out.println();
		System.out.printf(Locale.ROOT, "Export benchmark: vitals of %d patients, _type=Observation%n", patients);
		System.out.println("| side | vitals stored | resources exported | files | s to manifest | resources/s (manifest) | s incl. download"
				+ " | resources/s (incl. download) | max heap after GC MiB | collections | peak RSS MiB |");
		System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
		for (Figures f : results) {
			System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %.1f | %.0f | %.1f | %.0f | %d | %d | %d |%n", f.side(), f.size(), f.resources(),
					f.files(), f.exportSeconds(), f.resources() / f.exportSeconds(), f.totalSeconds(), f.resources() / f.totalSeconds(),
					f.maxHeapAfterGcMiB(), f.collections(), f.peakRssMiB());
		}
		for (Figures f : results) {
			results.stream().filter(b -> b.side().equals("stock-hapi") && b.size() == f.size() && !f.side().equals("stock-hapi"))
					.forEach(b -> System.out.printf(Locale.ROOT, "Ratio %s/stock-hapi at %d, resources/s incl. download: %.2f%n",
							f.side(), f.size(), b.totalSeconds() / f.totalSeconds()));
		}
	}

	private static HttpRequest.Builder request(String url, String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url));
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder;
	}
}
