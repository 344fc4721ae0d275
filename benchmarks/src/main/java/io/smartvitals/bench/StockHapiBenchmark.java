package io.smartvitals.bench;

import ca.uhn.fhir.context.FhirContext;
import io.smartvitals.bench.AuditBenchmark.Measurement;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.hl7.fhir.r4.model.Bundle;

/**
 * This server against what users would deploy instead: a stock HAPI FHIR JPA 8.8.0 server
 * ({@link io.smartvitals.bench.stock.StockHapiServer}, HAPI's defaults, no security), side by
 * side on one PostgreSQL, same data, loaded in interleaved slices ({@link InterleavedLoad}).
 *
 * <p>Sides: {@code stock-hapi} (the baseline, its own database); {@code vitals} (everything on:
 * token, tenant partition, row-level security, scopes, consent, durable audit, vital-signs
 * validation); and, to show where the difference goes, the same server with layers off:
 * {@code vitals-audit-off} (enforcement on, no audit) and {@code vitals-layers-off} (no
 * enforcement, no audit, no validation: HAPI plus our partitioning and plumbing). The vitals sides
 * share one database, as nodes of one deployment do.
 *
 * <p>Workloads, each measured on every side in one interleaved slot: reads
 * {@code Observation/{id}} with a system token; vitals searches
 * {@code Observation?patient=X&category=vital-signs&_count=50} with a system token and with X's
 * own patient token; ingest of transaction bundles of 100 vitals (the stock side does not
 * validate; that is the comparison the issue asks for). Ingest runs after all read rounds so the
 * reads see the same data on every round.
 */
public final class StockHapiBenchmark {

	private static final String BASELINE = "stock-hapi";
	private static final String TENANT = "bench";

	/** One server under load, with the data it holds and the tokens its callers use (null: none). */
	record Side(String name, long pid, String base, List<String> patients, List<String> observations, List<String> transactions,
			String systemToken, String writeToken, Map<String, String> patientTokens) {}

	/** One workload's request on a side. */
	enum Workload {
		READ("read", "reads (system token)"),
		SEARCH_SYSTEM("search-system", "vitals searches, system token"),
		SEARCH_PATIENT("search-patient", "vitals searches, patient's own token"),
		INGEST("ingest", "ingest, transactions of 100 vitals");

		final String name;
		final String label;

		Workload(String name, String label) {
			this.name = name;
			this.label = label;
		}

		static Workload named(String name) {
			for (Workload w : values()) {
				if (w.name.equals(name)) {
					return w;
				}
			}
			throw new IllegalArgumentException("Unknown workload " + name + " (read, search-system, search-patient, ingest)");
		}

		InterleavedLoad.Target target(Side side) {
			return switch (this) {
				case READ -> InterleavedLoad.Target.get(side.pid(),
						r -> side.base() + "/Observation/" + side.observations().get(r.nextInt(side.observations().size())), side.systemToken());
				case SEARCH_SYSTEM -> InterleavedLoad.Target.get(side.pid(), r -> search(side, pick(side.patients(), r)), side.systemToken());
				case SEARCH_PATIENT -> new InterleavedLoad.Target(side.pid(), r -> {
					String patient = pick(side.patients(), r);
					return InterleavedLoad.request(search(side, patient), side.patientTokens().get(patient)).build();
				});
				case INGEST -> new InterleavedLoad.Target(side.pid(), r -> InterleavedLoad.request(side.base(), side.writeToken())
						.header("Content-Type", "application/fhir+json")
						.POST(HttpRequest.BodyPublishers.ofString(pick(side.transactions(), r))).build());
			};
		}
	}

	record Figures(String side, Workload workload, int round, Measurement measurement) {}

	public static void main(String[] args) throws Exception {
		Arguments a = Arguments.parse(args);
		int patients = a.getInt("patients", 50);
		int perPatient = a.getInt("vitals-per-patient", 100);
		int threads = a.getInt("threads", 4);
		int seconds = a.getInt("seconds", 20);
		int rounds = a.getInt("rounds", 2);
		int sliceMillis = a.getInt("slice-ms", 1000);
		// An ingest request takes up to half a second with validation: longer turns keep most in their own slice.
		int ingestSliceMillis = a.getInt("ingest-slice-ms", 4000);
		int warmup = a.getInt("warmup", 30);
		List<String> sides = List.of(a.get("sides", "stock-hapi,vitals,vitals-audit-off,vitals-layers-off").split(","));
		List<Workload> workloads = java.util.Arrays.stream(a.get("workloads", "read,search-system,search-patient,ingest").split(","))
				.map(String::strip).map(Workload::named).toList();
		if (!sides.get(0).equals(BASELINE)) {
			throw new IllegalArgumentException("--sides must start with the baseline, " + BASELINE);
		}
		String pg = a.get("postgres", "jdbc:postgresql://127.0.0.1:5432/");
		String user = a.get("user", "postgres");
		Path jar = Path.of(a.get("server-jar", "fhir-server/target/fhir-server-0.1.0-SNAPSHOT-exec.jar"));
		long stamp = System.currentTimeMillis();
		String stockDb = "vitals_bench_stock_" + stamp;
		String vitalsDb = "vitals_bench_versus_" + stamp;
		try (Connection admin = DriverManager.getConnection(pg + "postgres", user, "")) {
			admin.createStatement().execute("CREATE DATABASE " + stockDb);
			admin.createStatement().execute("CREATE DATABASE " + vitalsDb);
		}
		String kek = io.smartvitals.smart.auth.keys.KeyEncryptionKey.generateBase64();
		List<AutoCloseable> processes = new ArrayList<>();
		List<Figures> results = new ArrayList<>();
		try {
			List<Side> loaded = new ArrayList<>();
			StockHapiProcess stock = StockHapiProcess.start(port(), pg + stockDb, user, 0, log(BASELINE));
			processes.add(stock);
			List<String> stockPatients = load(stock.base(), null, patients, perPatient, threads);
			loaded.add(side(BASELINE, stock.pid(), stock.base(), stockPatients, null, null, null));
			System.out.printf("[%s] loaded %d patients x %d vitals%n", BASELINE, patients, perPatient);
			List<String> vitalsPatients = null;
			for (String name : sides.subList(1, sides.size())) {
				ServerProcess server = ServerProcess.start(jar, port(), pg + vitalsDb, user, settings(name, kek), log(name));
				processes.add(server);
				String base = vitalsPatients == null ? server.createTenant(TENANT) : server.base(TENANT);
				String writer = server.tokens().system(TENANT, "system/*.cruds system/access-policy");
				if (vitalsPatients == null) {
					vitalsPatients = load(base, writer, patients, perPatient, threads);
					System.out.printf("[%s] loaded %d patients x %d vitals%n", name, patients, perPatient);
				}
				Map<String, String> patientTokens = new HashMap<>();
				for (String patient : vitalsPatients) {
					patientTokens.put(patient, server.tokens().patient(TENANT, "patient/Observation.rs patient/Patient.rs",
							patient.substring(patient.indexOf('/') + 1), "bench-app"));
				}
				loaded.add(side(name, server.pid(), base, vitalsPatients, server.tokens().system(TENANT, "system/*.rs"), writer, patientTokens));
			}
			Vacuum.analyze(pg + stockDb, user);
			Vacuum.analyze(pg + vitalsDb, user);
			List<Workload> readsAndSearches = workloads.stream().filter(w -> w != Workload.INGEST).toList();
			for (Workload workload : workloads) {
				InterleavedLoad.run(targets(loaded, workload), threads, warmup, workload == Workload.INGEST ? ingestSliceMillis : sliceMillis);
				System.out.printf("[warm-up] %s: %d s per side%n", workload.label, warmup);
			}
			for (int round = 1; round <= rounds; round++) {
				for (Workload workload : readsAndSearches) {
					measure(loaded, workload, round, threads, seconds, sliceMillis, results);
				}
			}
			for (int round = 1; round <= rounds && workloads.contains(Workload.INGEST); round++) {
				measure(loaded, Workload.INGEST, round, threads, seconds, ingestSliceMillis, results);
			}
		} finally {
			for (AutoCloseable process : processes) {
				process.close();
			}
			try (Connection admin = DriverManager.getConnection(pg + "postgres", user, "")) {
				admin.createStatement().execute("DROP DATABASE IF EXISTS " + stockDb + " WITH (FORCE)");
				admin.createStatement().execute("DROP DATABASE IF EXISTS " + vitalsDb + " WITH (FORCE)");
			}
		}
		print(results, sides, patients, perPatient, threads, seconds, rounds);
	}

	/** Server settings of a vitals side (see the class comment). */
	static List<String> settings(String side, String kek) {
		List<String> settings = new ArrayList<>(List.of("--vitals.auth.key-encryption-key=" + kek, "--logging.level.io.smartvitals.access=WARN"));
		settings.addAll(switch (side) {
			case "vitals" -> List.of("--vitals.vital-signs-validation=true", "--vitals.audit.read-commit=durable");
			case "vitals-audit-off" -> List.of("--vitals.vital-signs-validation=true", "--vitals.audit.enabled=false",
					"--vitals.audit.allow-disabled=true");
			case "vitals-layers-off" -> List.of("--vitals.vital-signs-validation=false", "--vitals.audit.enabled=false",
					"--vitals.audit.allow-disabled=true", "--vitals.enforcement.enabled=false", "--vitals.enforcement.allow-disabling=true");
			default -> throw new IllegalArgumentException("Unknown side " + side + " (vitals, vitals-audit-off, vitals-layers-off)");
		});
		return settings;
	}

	private static List<String> load(String base, String token, int patients, int perPatient, int threads) throws Exception {
		BulkVitalsWriter writer = new BulkVitalsWriter(base, token);
		List<String> ids = writer.createPatients(patients, 100);
		writer.writeVitals(ids, perPatient, 100, threads);
		return ids;
	}

	private static Side side(String name, long pid, String base, List<String> patients, String systemToken, String writeToken,
			Map<String, String> patientTokens) throws Exception {
		List<String> observations = AuditBenchmark.observationIds(base, systemToken, patients);
		// Prepared once per side, so the client spends no CPU on encoding during the measurement.
		FhirContext fhir = FhirContext.forR4Cached();
		List<String> transactions = new ArrayList<>();
		Instant later = Instant.parse("2026-06-01T00:00:00Z");
		for (Bundle bundle : BulkVitalsWriter.vitalTransactions(patients, 10, 100, later)) {
			transactions.add(fhir.newJsonParser().encodeResourceToString(bundle));
		}
		return new Side(name, pid, base, patients, observations, transactions, systemToken, writeToken,
				patientTokens == null ? Map.of() : patientTokens);
	}

	private static void measure(List<Side> sides, Workload workload, int round, int threads, int seconds, int sliceMillis,
			List<Figures> results) throws Exception {
		List<Measurement> measured = InterleavedLoad.run(targets(sides, workload), threads, seconds, sliceMillis);
		for (int i = 0; i < sides.size(); i++) {
			Figures f = new Figures(sides.get(i).name(), workload, round, measured.get(i));
			results.add(f);
			System.out.printf(Locale.ROOT, "[round %d] %s%n", round, row(f));
		}
	}

	private static List<InterleavedLoad.Target> targets(List<Side> sides, Workload workload) {
		return sides.stream().map(workload::target).toList();
	}

	private static String search(Side side, String patient) {
		return side.base() + "/Observation?patient=" + patient + "&category=vital-signs&_count=50";
	}

	private static String pick(List<String> values, ThreadLocalRandom random) {
		return values.get(random.nextInt(values.size()));
	}

	private static int port() {
		return 18000 + ThreadLocalRandom.current().nextInt(1000);
	}

	private static Path log(String side) throws java.io.IOException {
		Path log = Files.createTempFile("vitals-versus-" + side, ".log");
		System.out.printf("[%s] starting (log %s)%n", side, log);
		return log;
	}

	private static String row(Figures f) {
		Measurement m = f.measurement();
		double perSecond = f.workload() == Workload.INGEST ? 100 * m.perSecond() : m.perSecond();
		return String.format(Locale.ROOT, "| %s | %s | %.0f | %.1f | %.1f | %.0f | %.0f | %.0f%% | %.1f |", f.workload().label, f.side(), perSecond,
				m.latencies().quantileMillis(0.5), m.latencies().quantileMillis(0.99), m.serverMicrosPerRequest(), m.postgresMicrosPerRequest(),
				100 * m.cpu().machineBusy(), m.cpu().compilerMillis() / 1000.0);
	}

	private static void print(List<Figures> results, List<String> sides, int patients, int perPatient, int threads, int seconds, int rounds) {
		System.out.println();
		System.out.printf(Locale.ROOT, "Versus stock HAPI: %d patients x %d vitals, %d client threads, %d s per side and workload, %d rounds%n",
				patients, perPatient, threads, seconds, rounds);
		System.out.println("| workload | side | per s (ingest: vitals/s) | p50 ms | p99 ms | server us/request | pg us/request | busy | jit s |");
		System.out.println("|---|---|---|---|---|---|---|---|---|");
		results.forEach(f -> System.out.println(row(f)));
		System.out.println();
		System.out.println("Ratio to stock HAPI (throughput; median of the rounds' paired ratios) and added latency (p50, p99 of all rounds):");
		System.out.println("| workload | side | ratio | rounds | added p50 ms | added p99 ms |");
		System.out.println("|---|---|---|---|---|---|");
		for (Workload workload : Workload.values()) {
			for (String side : sides.subList(1, sides.size())) {
				List<Double> ratios = new ArrayList<>();
				Map<Integer, Figures> baseline = new LinkedHashMap<>();
				results.stream().filter(f -> f.workload() == workload && f.side().equals(BASELINE)).forEach(f -> baseline.put(f.round(), f));
				for (Figures f : results) {
					if (f.workload() == workload && f.side().equals(side) && baseline.containsKey(f.round())) {
						ratios.add(f.measurement().perSecond() / baseline.get(f.round()).measurement().perSecond());
					}
				}
				if (ratios.isEmpty()) {
					continue;
				}
				List<Double> sorted = ratios.stream().sorted().toList();
				double median = AuditBenchmark.median(sorted);
				System.out.printf(Locale.ROOT, "| %s | %s | **%.2f** | %s | %+.1f | %+.1f |%n", workload.label, side, median,
						String.join(" ", sorted.stream().map(r -> String.format(Locale.ROOT, "%.2f", r)).toList()),
						quantile(results, workload, side, 0.5) - quantile(results, workload, BASELINE, 0.5),
						quantile(results, workload, side, 0.99) - quantile(results, workload, BASELINE, 0.99));
			}
		}
	}

	/** The median over rounds of one side's latency quantile. */
	private static double quantile(List<Figures> results, Workload workload, String side, double q) {
		return AuditBenchmark.median(results.stream().filter(f -> f.workload() == workload && f.side().equals(side))
				.map(f -> f.measurement().latencies().quantileMillis(q)).toList());
	}
}
