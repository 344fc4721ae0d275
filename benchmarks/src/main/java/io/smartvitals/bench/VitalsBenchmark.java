package io.smartvitals.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Ingest and search throughput of the vitals server on PostgreSQL, with our vitals validation
 * switched off (baseline: plain HAPI JPA with partitions) and on, in the same run. Each mode gets
 * a fresh database and a fresh server process; the load comes from this separate process.
 */
public final class VitalsBenchmark {

	record Figures(String mode, BulkVitalsWriter.Result ingest, double searchesPerSecond, Latencies search, Latencies read, long peakRssMiB) {}

	public static void main(String[] args) throws Exception {
		Arguments a = Arguments.parse(args);
		int vitals = a.getInt("vitals", 100_000);
		int patients = a.getInt("patients", 1_000);
		int bundle = a.getInt("bundle", 100);
		int threads = a.getInt("threads", 2);
		int searchSeconds = a.getInt("search-seconds", 30);
		String pg = a.get("postgres", "jdbc:postgresql://127.0.0.1:5432/");
		String user = a.get("user", "postgres");
		Path jar = Path.of(a.get("server-jar", "fhir-server/target/fhir-server-0.1.0-SNAPSHOT-exec.jar"));
		if (vitals % patients != 0) {
			throw new IllegalArgumentException("--vitals must be a multiple of --patients");
		}
		List<Figures> results = new ArrayList<>();
		for (String mode : a.get("modes", "validation-off,validation-on").split(",")) {
			String db = "vitals_bench_" + mode.replace('-', '_') + "_" + System.currentTimeMillis();
			// Row-level security applies only to an ordinary role (superusers bypass every policy):
			// "row-security-on" connects as one, "row-security-off" as the superuser with the layer off.
			String serverUser = mode.equals("row-security-on") ? "vitals_bench" : user;
			try (Connection admin = DriverManager.getConnection(pg + "postgres", user, "")) {
				if (!serverUser.equals(user)) {
					admin.createStatement().execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + serverUser
							+ "') THEN CREATE ROLE " + serverUser + " LOGIN; END IF; END $$");
				}
				admin.createStatement().execute("CREATE DATABASE " + db + " OWNER " + serverUser);
			}
			List<String> extra = switch (mode) {
				case "validation-off" -> List.of("--vitals.vital-signs-validation=false");
				case "validation-on" -> List.of("--vitals.vital-signs-validation=true");
				// Enforcement modes ingest without profile validation so the load phase stays short.
				case "enforcement-off" -> List.of("--vitals.vital-signs-validation=false", "--vitals.enforcement.enabled=false",
						"--vitals.enforcement.allow-disabling=true");
				case "enforcement-on" -> List.of("--vitals.vital-signs-validation=false");
				// Same server, enforcement on; only the second wall differs.
				case "row-security-off" -> List.of("--vitals.vital-signs-validation=false", "--vitals.database.row-security=false");
				case "row-security-on" -> List.of("--vitals.vital-signs-validation=false", "--vitals.database.row-security=true");
				default -> throw new IllegalArgumentException("Unknown mode " + mode);
			};
			Path log = Files.createTempFile("vitals-bench-" + mode, ".log");
			System.out.printf("[%s] starting server (log %s)%n", mode, log);
			try (ServerProcess server = ServerProcess.start(jar, 18000 + ThreadLocalRandom.current().nextInt(1000), pg + db, serverUser, extra, log)) {
				String base = server.createTenant("bench");
				boolean tokens = !mode.equals("enforcement-off");
				BulkVitalsWriter writer = new BulkVitalsWriter(base, tokens ? server.tokens().system("bench", "system/*.cruds system/access-policy") : null);
				List<String> ids = writer.createPatients(patients, bundle);
				// Warm-up: a small load that is not counted.
				writer.writeVitals(ids.subList(0, Math.min(50, ids.size())), 2, bundle, threads);
				BulkVitalsWriter.Result ingest = writer.writeVitals(ids, vitals / patients, bundle, threads);
				System.out.printf(Locale.ROOT, "[%s] ingested %d vitals in %.1f s: %.0f vitals/s%n", mode, ingest.vitals(), ingest.seconds(), ingest.vitalsPerSecond());
				Vacuum.analyze(pg + db, user);
				// Each patient's app holds its own patient/ token (as a SMART patient app would); none when enforcement is off.
				Map<String, String> patientTokens = new HashMap<>();
				for (String id : ids) {
					patientTokens.put(id, tokens ? server.tokens().patient("bench", "patient/Observation.rs patient/Patient.rs",
							id.substring(id.indexOf('/') + 1), "bench-app") : null);
				}
				search(base, ids, patientTokens, threads, 10, new Latencies(), new Latencies());
				Latencies latencies = new Latencies();
				Latencies reads = new Latencies();
				double rate = search(base, ids, patientTokens, threads, searchSeconds, latencies, reads);
				System.out.printf(Locale.ROOT, "[%s] %.0f search+read pairs/s, search p50 %.1f ms p99 %.1f ms, read p50 %.1f ms p99 %.1f ms%n", mode, rate,
						latencies.quantileMillis(0.5), latencies.quantileMillis(0.99), reads.quantileMillis(0.5), reads.quantileMillis(0.99));
				results.add(new Figures(mode, ingest, rate, latencies, reads, server.peakRssMiB()));
			}
			try (Connection admin = DriverManager.getConnection(pg + "postgres", user, "")) {
				admin.createStatement().execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
			}
		}
		print(results, vitals, patients, threads);
	}

	/**
	 * Per iteration, for a random patient X with X's token: {@code Observation?patient=X&category=vital-signs&_count=50}
	 * and a read of {@code Patient/X}.
	 */
	private static double search(String base, List<String> patients, Map<String, String> tokens, int threads, int seconds,
			Latencies latencies, Latencies reads) throws Exception {
		FhirContext fhir = FhirContext.forR4Cached();
		fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		long end = System.nanoTime() + seconds * 1_000_000_000L;
		List<Thread> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			Thread worker = new Thread(() -> {
				while (System.nanoTime() < end) {
					String patient = patients.get(ThreadLocalRandom.current().nextInt(patients.size()));
					IGenericClient client = fhir.newRestfulGenericClient(base);
					if (tokens.get(patient) != null) {
						client.registerInterceptor(new ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor(tokens.get(patient)));
					}
					long start = System.nanoTime();
					Bundle page = client.search().byUrl("Observation?patient=" + patient + "&category=vital-signs&_count=50")
							.returnBundle(Bundle.class).execute();
					latencies.add(System.nanoTime() - start);
					start = System.nanoTime();
					client.read().resource(org.hl7.fhir.r4.model.Patient.class).withUrl(patient).execute();
					reads.add(System.nanoTime() - start);
					if (page.getEntry().isEmpty()) {
						throw new IllegalStateException("Search found nothing for " + patient);
					}
				}
			});
			worker.start();
			workers.add(worker);
		}
		for (Thread worker : workers) {
			worker.join();
		}
		return latencies.count() / (double) seconds;
	}

	private static void print(List<Figures> results, int vitals, int patients, int threads) {
		System.out.println();
		System.out.printf(Locale.ROOT, "Vitals benchmark: %d vitals, %d patients, transaction bundles of 100, %d client threads%n", vitals, patients, threads);
		System.out.println("| mode | vitals ingested/s | search+read pairs/s | search p50 ms | search p99 ms | read p50 ms | read p99 ms | server peak RSS MiB |");
		System.out.println("|---|---|---|---|---|---|---|---|");
		for (Figures f : results) {
			System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.1f | %.1f | %.1f | %.1f | %d |%n", f.mode(), f.ingest().vitalsPerSecond(),
					f.searchesPerSecond(), f.search().quantileMillis(0.5), f.search().quantileMillis(0.99),
					f.read().quantileMillis(0.5), f.read().quantileMillis(0.99), f.peakRssMiB());
		}
		if (results.size() == 2) {
			Figures off = results.get(0);
			Figures on = results.get(1);
			System.out.printf(Locale.ROOT, "Ratio %s/%s: ingest %.2f, search+read %.2f; added latency: search p50 %+.1f ms p99 %+.1f ms, read p50 %+.1f ms p99 %+.1f ms%n",
					on.mode(), off.mode(), on.ingest().vitalsPerSecond() / off.ingest().vitalsPerSecond(), on.searchesPerSecond() / off.searchesPerSecond(),
					on.search().quantileMillis(0.5) - off.search().quantileMillis(0.5), on.search().quantileMillis(0.99) - off.search().quantileMillis(0.99),
					on.read().quantileMillis(0.5) - off.read().quantileMillis(0.5), on.read().quantileMillis(0.99) - off.read().quantileMillis(0.99));
		}
	}
}
