package io.smartvitals.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Read and search throughput with auditing off (baseline) and on, in the same run, on the same
 * PostgreSQL data: the server is restarted between modes on one database, alternating off/on for
 * several rounds. Reads are {@code GET Observation/{id}}, searches
 * {@code Observation?patient=X&category=vital-signs&_count=50}, each from {@code --threads} client threads.
 */
public final class AuditBenchmark {

	private static final Pattern OBSERVATION_ID = Pattern.compile("\"resourceType\":\"Observation\",\"id\":\"([^\"]+)\"");

	record Figures(String mode, double readsPerSecond, Latencies reads, double searchesPerSecond, Latencies searches) {}

	public static void main(String[] args) throws Exception {
		Arguments a = Arguments.parse(args);
		int patients = a.getInt("patients", 200);
		int perPatient = a.getInt("vitals-per-patient", 50);
		int threads = a.getInt("threads", 2);
		int seconds = a.getInt("seconds", 20);
		int rounds = a.getInt("rounds", 2);
		// Each mode starts a fresh server: its JIT needs a while before the figures mean anything.
		int warmup = a.getInt("warmup", 15);
		String pg = a.get("postgres", "jdbc:postgresql://127.0.0.1:5432/");
		String user = a.get("user", "postgres");
		Path jar = Path.of(a.get("server-jar", "fhir-server/target/fhir-server-0.1.0-SNAPSHOT-exec.jar"));
		String db = "vitals_bench_audit_" + System.currentTimeMillis();
		try (Connection admin = DriverManager.getConnection(pg + "postgres", user, "")) {
			admin.createStatement().execute("CREATE DATABASE " + db);
		}
		String kek = io.smartvitals.smart.auth.keys.KeyEncryptionKey.generateBase64();
		List<String> patientIds;
		List<String> observationIds = new ArrayList<>();
		List<Figures> results = new ArrayList<>();
		try {
			try (ServerProcess server = start(jar, pg + db, user, kek, false, "load")) {
				String base = server.createTenant("bench");
				String loader = server.tokens().system("bench", "system/*.cruds");
				BulkVitalsWriter writer = new BulkVitalsWriter(base, loader);
				patientIds = writer.createPatients(patients, 100);
				writer.writeVitals(patientIds, perPatient, 100, threads);
				HttpClient http = HttpClient.newHttpClient();
				for (String patient : patientIds.subList(0, Math.min(100, patientIds.size()))) {
					String body = http.send(HttpRequest.newBuilder(URI.create(base + "/Observation?patient=" + patient + "&_count=20"))
							.header("Authorization", "Bearer " + loader).build(),
							HttpResponse.BodyHandlers.ofString()).body();
					Matcher m = OBSERVATION_ID.matcher(body);
					while (m.find()) {
						observationIds.add(m.group(1));
					}
				}
				System.out.printf("loaded %d patients x %d vitals; %d observation ids for reads%n", patients, perPatient, observationIds.size());
			}
			for (int round = 1; round <= rounds; round++) {
				for (boolean audit : new boolean[] {false, true}) {
					String mode = audit ? "audit-on" : "audit-off";
					try (ServerProcess server = start(jar, pg + db, user, kek, audit, mode + "-" + round)) {
						String base = server.base("bench");
						// Enforcement stays on in both modes: a backend reader's token, as in production.
						String token = server.tokens().system("bench", "system/*.rs");
						measure(base, token, observationIds, patientIds, threads, warmup, new Latencies(), new Latencies());
						Latencies reads = new Latencies();
						Latencies searches = new Latencies();
						double[] rates = measure(base, token, observationIds, patientIds, threads, seconds, reads, searches);
						Figures f = new Figures(mode, rates[0], reads, rates[1], searches);
						results.add(f);
						System.out.printf(Locale.ROOT, "[%s round %d] %.0f reads/s (p50 %.1f ms, p99 %.1f ms), %.0f searches/s (p50 %.1f ms, p99 %.1f ms)%n",
								mode, round, f.readsPerSecond(), reads.quantileMillis(0.5), reads.quantileMillis(0.99),
								f.searchesPerSecond(), searches.quantileMillis(0.5), searches.quantileMillis(0.99));
					}
				}
			}
		} finally {
			try (Connection admin = DriverManager.getConnection(pg + "postgres", user, "")) {
				admin.createStatement().execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
			}
		}
		print(results, patients, perPatient, threads, seconds);
	}

	private static ServerProcess start(Path jar, String url, String user, String kek, boolean audit, String label) throws Exception {
		Path log = Files.createTempFile("vitals-audit-bench-" + label, ".log");
		System.out.printf("[%s] starting server (log %s)%n", label, log);
		return ServerProcess.start(jar, 18000 + ThreadLocalRandom.current().nextInt(1000), url, user, List.of(
				"--vitals.audit.enabled=" + audit, "--vitals.audit.allow-disabled=true",
				"--vitals.vital-signs-validation=false", "--vitals.auth.key-encryption-key=" + kek,
				"--logging.level.io.smartvitals.access=WARN"), log);
	}

	/** Reads for {@code seconds}, then searches for {@code seconds}; returns {reads/s, searches/s}. */
	private static double[] measure(String base, String token, List<String> observations, List<String> patients, int threads, int seconds,
			Latencies reads, Latencies searches) throws Exception {
		double readRate = run(token, threads, seconds, reads, random -> base + "/Observation/" + observations.get(random.nextInt(observations.size())));
		double searchRate = run(token, threads, seconds, searches,
				random -> base + "/Observation?patient=" + patients.get(random.nextInt(patients.size())) + "&category=vital-signs&_count=50");
		return new double[] {readRate, searchRate};
	}

	private static double run(String token, int threads, int seconds, Latencies latencies, java.util.function.Function<ThreadLocalRandom, String> url)
			throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		long end = System.nanoTime() + seconds * 1_000_000_000L;
		List<Thread> workers = new ArrayList<>();
		List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
		for (int t = 0; t < threads; t++) {
			Thread worker = new Thread(() -> {
				try {
					while (System.nanoTime() < end) {
						long start = System.nanoTime();
						HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url.apply(ThreadLocalRandom.current())))
								.header("Accept", "application/fhir+json").header("Authorization", "Bearer " + token).build(),
								HttpResponse.BodyHandlers.ofString());
						latencies.add(System.nanoTime() - start);
						if (response.statusCode() != 200) {
							throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
						}
					}
				} catch (Exception e) {
					failures.add(e);
				}
			});
			worker.start();
			workers.add(worker);
		}
		for (Thread worker : workers) {
			worker.join();
		}
		if (!failures.isEmpty()) {
			throw new IllegalStateException("Benchmark request failed", failures.get(0));
		}
		return latencies.count() / (double) seconds;
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int n = sorted.size();
		return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	private static void print(List<Figures> results, int patients, int perPatient, int threads, int seconds) {
		System.out.println();
		System.out.printf(Locale.ROOT, "Audit benchmark: %d patients x %d vitals, %d client threads, %d s per measurement%n",
				patients, perPatient, threads, seconds);
		System.out.println("| run | reads/s | read p50 ms | read p99 ms | searches/s | search p50 ms | search p99 ms |");
		System.out.println("|---|---|---|---|---|---|---|");
		for (Figures f : results) {
			System.out.printf(Locale.ROOT, "| %s | %.0f | %.1f | %.1f | %.0f | %.1f | %.1f |%n", f.mode(), f.readsPerSecond(),
					f.reads().quantileMillis(0.5), f.reads().quantileMillis(0.99), f.searchesPerSecond(),
					f.searches().quantileMillis(0.5), f.searches().quantileMillis(0.99));
		}
		double offReads = median(results.stream().filter(f -> f.mode().equals("audit-off")).map(Figures::readsPerSecond).toList());
		double onReads = median(results.stream().filter(f -> f.mode().equals("audit-on")).map(Figures::readsPerSecond).toList());
		double offSearches = median(results.stream().filter(f -> f.mode().equals("audit-off")).map(Figures::searchesPerSecond).toList());
		double onSearches = median(results.stream().filter(f -> f.mode().equals("audit-on")).map(Figures::searchesPerSecond).toList());
		System.out.printf(Locale.ROOT, "Median audit-on/audit-off: reads %.2f (%.0f vs %.0f/s), searches %.2f (%.0f vs %.0f/s)%n",
				onReads / offReads, onReads, offReads, onSearches / offSearches, onSearches, offSearches);
	}
}
