package io.smartvitals.bench;

import java.net.http.HttpClient;
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
 * PostgreSQL data: one server per mode ({@code --modes}; by default off, on with durable commits,
 * and on with asynchronous commits of reads' records) runs side by side on one database, and
 * they are loaded in turns of {@code --slice-ms} (ABC, CBA, ...; {@link InterleavedLoad}), so that
 * the machine's ups and downs, which on these shared machines are larger than the audit's cost,
 * fall on every mode alike; each mode's ratio to the baseline is also given paired by round. Reads are {@code GET Observation/{id}}, searches
 * {@code Observation?patient=X&category=vital-signs&_count=50}, each from {@code --threads} client
 * threads. Besides throughput and latency it reports the CPU the server and PostgreSQL spent per
 * request and how busy the machine was: with few clients a run is latency-bound (the audit's
 * commit wait shows in full), with enough clients CPU-bound (the audit's CPU cost shows).
 */
public final class AuditBenchmark {

	private static final Pattern OBSERVATION_ID = Pattern.compile("\"resourceType\":\"Observation\",\"id\":\"([^\"]+)\"");
	private static final String BASELINE = "audit-off";

	/** One kind of request in one mode: rate, latencies, and the CPU spent meanwhile. */
	record Measurement(double perSecond, Latencies latencies, CpuTimes cpu) {

		double serverMicrosPerRequest() {
			return cpu.serverMillis() * 1000.0 / latencies.count();
		}

		double postgresMicrosPerRequest() {
			return cpu.postgresMillis() * 1000.0 / latencies.count();
		}
	}

	record Figures(String mode, int round, int threads, Measurement reads, Measurement searches) {}

	/** A server's audit settings. */
	record Mode(String name, List<String> settings) {
		static Mode named(String name) {
			return switch (name) {
				case BASELINE -> new Mode(name, List.of("--vitals.audit.enabled=false", "--vitals.audit.allow-disabled=true"));
				case "audit-durable" -> new Mode(name, List.of("--vitals.audit.read-commit=durable"));
				case "audit-asynchronous" -> new Mode(name, List.of("--vitals.audit.read-commit=asynchronous"));
				default -> throw new IllegalArgumentException("Unknown mode " + name
						+ " (audit-off, audit-durable, audit-asynchronous)");
			};
		}
	}

	/** A running server of one mode, with its reader's token. */
	private record Node(Mode mode, ServerProcess server, String token) {}

	public static void main(String[] args) throws Exception {
		Arguments a = Arguments.parse(args);
		int patients = a.getInt("patients", 200);
		int perPatient = a.getInt("vitals-per-patient", 50);
		// Client threads; a list ("2,8") measures each count in every turn: few clients show the commit
		// wait in full, enough clients to saturate the machine show the throughput it can sustain.
		List<Integer> threadCounts = java.util.Arrays.stream(a.get("threads", "2").split(",")).map(String::strip).map(Integer::parseInt).toList();
		List<Mode> modes = java.util.Arrays.stream(a.get("modes", "audit-off,audit-durable,audit-asynchronous").split(","))
				.map(String::strip).map(Mode::named).toList();
		if (!modes.get(0).name().equals(BASELINE)) {
			throw new IllegalArgumentException("--modes must start with the baseline, " + BASELINE);
		}
		int threads = threadCounts.get(0);
		int seconds = a.getInt("seconds", 20);
		int rounds = a.getInt("rounds", 2);
		// Length of one server's turn within a measurement (see InterleavedLoad).
		int sliceMillis = a.getInt("slice-ms", 1000);
		// At most this many seconds of load per server before the figures count (less once the JIT settles).
		int warmup = a.getInt("warmup", 600);
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
		List<ServerProcess> servers = new ArrayList<>();
		try {
			try (ServerProcess server = start(jar, pg + db, user, kek, Mode.named(BASELINE), "load")) {
				String base = server.createTenant("bench");
				String loader = server.tokens().system("bench", "system/*.cruds system/access-policy");
				BulkVitalsWriter writer = new BulkVitalsWriter(base, loader);
				patientIds = writer.createPatients(patients, 100);
				writer.writeVitals(patientIds, perPatient, 100, threads);
				observationIds.addAll(observationIds(base, loader, patientIds.subList(0, Math.min(100, patientIds.size()))));
				System.out.printf("loaded %d patients x %d vitals; %d observation ids for reads%n", patients, perPatient, observationIds.size());
			}
			Vacuum.analyze(pg + db, user);
			// All servers run side by side on the same database (nodes of one deployment, as in
			// production) and take turns: each measurement follows the others' on the same machine state.
			List<Node> nodes = new ArrayList<>();
			for (Mode mode : modes) {
				ServerProcess server = start(jar, pg + db, user, kek, mode, mode.name());
				servers.add(server);
				// Enforcement stays on in every mode: a backend reader's token, as in production.
				nodes.add(new Node(mode, server, server.tokens().system("bench", "system/*.rs")));
			}
			warmUp(nodes, observationIds, patientIds, threads, warmup);
			// Each slot (one client count, one kind of request) loads every mode in slices of
			// --slice-ms, taking turns (InterleavedLoad), so that all modes of a slot saw the same machine.
			for (int round = 1; round <= rounds; round++) {
				for (int clients : threadCounts) {
					Vacuum.analyze(pg + db, user);
					List<Measurement> reads = InterleavedLoad.run(targets(nodes, base -> readUrl(base, observationIds)), clients, seconds, sliceMillis);
					Vacuum.analyze(pg + db, user);
					List<Measurement> searches = InterleavedLoad.run(targets(nodes, base -> searchUrl(base, patientIds)), clients, seconds,
							sliceMillis);
					for (int i = 0; i < nodes.size(); i++) {
						Node node = nodes.get(i);
						Figures f = new Figures(node.mode().name(), round, clients, reads.get(i), searches.get(i));
						results.add(f);
						System.out.printf(Locale.ROOT, "[%s round %d] %s%n", node.mode().name(), round, row(f));
					}
				}
			}
		} finally {
			for (ServerProcess server : servers) {
				server.close();
			}
			try (Connection admin = DriverManager.getConnection(pg + "postgres", user, "")) {
				admin.createStatement().execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
			}
		}
		print(results, modes, patients, perPatient, threadCounts, seconds);
	}

	private static ServerProcess start(Path jar, String url, String user, String kek, Mode mode, String label) throws Exception {
		Path log = Files.createTempFile("vitals-audit-bench-" + label, ".log");
		System.out.printf("[%s] starting server (log %s)%n", label, log);
		List<String> settings = new ArrayList<>(mode.settings());
		settings.addAll(List.of("--vitals.vital-signs-validation=false", "--vitals.auth.key-encryption-key=" + kek,
				"--logging.level.io.smartvitals.access=WARN"));
		return ServerProcess.start(jar, 18000 + ThreadLocalRandom.current().nextInt(1000), url, user, settings, log);
	}

	/**
	 * Loads the servers in turns (20 s of reads and 20 s of searches each) until no JVM's JIT
	 * compilers used more than 5% of a slice, or {@code maxSeconds} per server. On 2 cores a fresh
	 * HAPI server keeps compiling for minutes (measured: its C2 thread near a full core after 3
	 * minutes of load), and a server still compiling is slower for reasons that have nothing to do
	 * with auditing.
	 */
	private static void warmUp(List<Node> nodes, List<String> observations, List<String> patients, int threads, int maxSeconds)
			throws Exception {
		int slice = 20;
		for (int spent = 0; spent < maxSeconds; spent += 2 * slice) {
			long busiest = 0;
			StringBuilder line = new StringBuilder();
			for (Node node : nodes) {
				Measurement[] m = measure(node, observations, patients, threads, slice);
				long jit = m[0].cpu().compilerMillis() + m[1].cpu().compilerMillis();
				busiest = Math.max(busiest, jit);
				line.append(String.format(Locale.ROOT, " %s: JIT %d ms, %.0f reads/s;", node.mode().name(), jit, m[0].perSecond()));
			}
			System.out.printf(Locale.ROOT, "[warm-up %d s per server]%s%n", spent + 2 * slice, line);
			if (busiest < 0.05 * 2 * slice * 1000) {
				return;
			}
		}
		System.out.printf("[warm-up] JIT still busy after %d s per server: figures below include its work%n", maxSeconds);
	}

	/** Reads for {@code seconds}, then searches for {@code seconds}. */
	private static Measurement[] measure(Node node, List<String> observations, List<String> patients, int threads, int seconds)
			throws Exception {
		// One server alone: a single turn as long as the measurement.
		List<Node> alone = List.of(node);
		return new Measurement[] {InterleavedLoad.run(targets(alone, base -> readUrl(base, observations)), threads, seconds, seconds * 1000).get(0),
				InterleavedLoad.run(targets(alone, base -> searchUrl(base, patients)), threads, seconds, seconds * 1000).get(0)};
	}

	/** The nodes as load targets, each with the requests {@code url} makes for its tenant's base URL. */
	private static List<InterleavedLoad.Target> targets(List<Node> nodes,
			java.util.function.Function<String, java.util.function.Function<ThreadLocalRandom, String>> url) {
		return nodes.stream().map(node -> InterleavedLoad.Target.get(node.server().pid(), url.apply(node.server().base("bench")), node.token()))
				.toList();
	}

	private static java.util.function.Function<ThreadLocalRandom, String> readUrl(String base, List<String> observations) {
		return random -> base + "/Observation/" + observations.get(random.nextInt(observations.size()));
	}

	private static java.util.function.Function<ThreadLocalRandom, String> searchUrl(String base, List<String> patients) {
		return random -> base + "/Observation?patient=" + patients.get(random.nextInt(patients.size())) + "&category=vital-signs&_count=50";
	}

	/** Up to 20 observation ids of each patient, for reads by id. */
	static List<String> observationIds(String base, String token, List<String> patients) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		List<String> ids = new ArrayList<>();
		for (String patient : patients) {
			String body = http.send(InterleavedLoad.request(base + "/Observation?patient=" + patient + "&_count=20", token).build(),
					HttpResponse.BodyHandlers.ofString()).body();
			Matcher m = OBSERVATION_ID.matcher(body);
			while (m.find()) {
				ids.add(m.group(1));
			}
		}
		return ids;
	}

	static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int n = sorted.size();
		return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	private static String row(Figures f) {
		return String.format(Locale.ROOT, "| %s | %d | %s | %s |", f.mode(), f.threads(), cells(f.reads()), cells(f.searches()));
	}

	private static String cells(Measurement m) {
		return String.format(Locale.ROOT, "%.0f | %.1f | %.1f | %.0f | %.0f | %.0f%% | %.1f", m.perSecond(), m.latencies().quantileMillis(0.5),
				m.latencies().quantileMillis(0.99), m.serverMicrosPerRequest(), m.postgresMicrosPerRequest(), 100 * m.cpu().machineBusy(),
				m.cpu().compilerMillis() / 1000.0);
	}

	private static double ratio(List<Figures> results, String mode, int threads, java.util.function.ToDoubleFunction<Figures> figure) {
		return median(results, mode, threads, figure) / median(results, BASELINE, threads, figure);
	}

	private static double median(List<Figures> results, String mode, int threads, java.util.function.ToDoubleFunction<Figures> figure) {
		return median(results.stream().filter(f -> f.threads() == threads && f.mode().equals(mode)).map(figure::applyAsDouble).toList());
	}

	/** The mode's figure over the baseline's of the same round and slot, one ratio per round, sorted. */
	static List<Double> pairedRatios(List<Figures> results, String mode, int threads, java.util.function.ToDoubleFunction<Figures> figure) {
		List<Double> ratios = new ArrayList<>();
		for (Figures f : results) {
			if (f.threads() == threads && f.mode().equals(mode)) {
				results.stream().filter(b -> b.threads() == threads && b.round() == f.round() && b.mode().equals(BASELINE)).findFirst()
						.ifPresent(b -> ratios.add(figure.applyAsDouble(f) / figure.applyAsDouble(b)));
			}
		}
		return ratios.stream().sorted().toList();
	}

	private static String paired(List<Figures> results, String mode, int threads, java.util.function.ToDoubleFunction<Figures> figure) {
		List<Double> ratios = pairedRatios(results, mode, threads, figure);
		return String.format(Locale.ROOT, "%.2f (rounds %s)", median(ratios),
				String.join(" ", ratios.stream().map(r -> String.format(Locale.ROOT, "%.2f", r)).toList()));
	}

	private static void print(List<Figures> results, List<Mode> modes, int patients, int perPatient, List<Integer> threadCounts,
			int seconds) {
		System.out.println();
		System.out.printf(Locale.ROOT, "Audit benchmark: %d patients x %d vitals, client threads %s, %d s per measurement, in slices%n",
				patients, perPatient, threadCounts, seconds);
		System.out.println("CPU columns: server and PostgreSQL CPU microseconds per request; busy: share of the machine's cores in use;"
				+ " jit s: CPU seconds the server's JIT compilers used meanwhile (part of the server's CPU).");
		System.out.println("| run | threads | reads/s | read p50 ms | read p99 ms | server us/read | pg us/read | busy | jit s "
				+ "| searches/s | search p50 ms | search p99 ms | server us/search | pg us/search | busy | jit s |");
		System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
		for (Figures f : results) {
			System.out.println(row(f));
		}
		for (int threads : threadCounts) {
			for (Mode mode : modes.subList(1, modes.size())) {
				System.out.printf(Locale.ROOT, "%d client threads, %s/%s: median throughput reads %.2f, searches %.2f;"
						+ " CPU per request (server + PostgreSQL) reads %.2f, searches %.2f%n", threads, mode.name(), BASELINE,
						ratio(results, mode.name(), threads, f -> f.reads().perSecond()),
						ratio(results, mode.name(), threads, f -> f.searches().perSecond()),
						ratio(results, mode.name(), threads, f -> f.reads().serverMicrosPerRequest() + f.reads().postgresMicrosPerRequest()),
						ratio(results, mode.name(), threads, f -> f.searches().serverMicrosPerRequest() + f.searches().postgresMicrosPerRequest()));
				System.out.printf(Locale.ROOT, "%d client threads, %s/%s paired by round: median throughput reads %s, searches %s%n", threads,
						mode.name(), BASELINE, paired(results, mode.name(), threads, f -> f.reads().perSecond()),
						paired(results, mode.name(), threads, f -> f.searches().perSecond()));
			}
		}
	}
}
