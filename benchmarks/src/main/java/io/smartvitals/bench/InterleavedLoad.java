package io.smartvitals.bench;

import io.smartvitals.bench.AuditBenchmark.Measurement;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Closed-loop load on several servers at once, taking turns in short slices (ABC, CBA, ABC, ...):
 * all client threads send to one server for a slice, then all to the next. On these shared
 * machines the same server's CPU per read moves by half from one 10-second measurement to the
 * next, so servers measured one after the other differ by more than the audit costs; slices of a
 * second put every server into the same stretch of machine time. Each slice's CPU (the server's
 * own, PostgreSQL's, the machine's) is charged to the server it served.
 */
final class InterleavedLoad {

	/** One server to load: its process and the requests it gets. */
	record Target(long pid, Function<ThreadLocalRandom, HttpRequest> request) {

		/** GETs of {@code url}, with {@code token} as bearer token unless it is null. */
		static Target get(long pid, Function<ThreadLocalRandom, String> url, String token) {
			return new Target(pid, random -> InterleavedLoad.request(url.apply(random), token).build());
		}
	}

	/** A FHIR JSON request of {@code url}, with {@code token} as bearer token unless it is null. */
	static HttpRequest.Builder request(String url, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/fhir+json");
		return token == null ? request : request.header("Authorization", "Bearer " + token);
	}

	private InterleavedLoad() {}

	/** Measurements in the order of {@code targets}; each target gets {@code secondsEach} of load. */
	static List<Measurement> run(List<Target> targets, int threads, int secondsEach, int sliceMillis) throws Exception {
		int n = targets.size();
		List<Latencies> latencies = new ArrayList<>();
		CpuTimes[] cpu = new CpuTimes[n];
		long[] nanos = new long[n];
		for (int i = 0; i < n; i++) {
			latencies.add(new Latencies());
			cpu[i] = new CpuTimes(0, 0, 0, 0, 0);
		}
		HttpClient http = HttpClient.newHttpClient();
		int[] current = {0};
		boolean[] done = {false};
		List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
		List<Thread> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			Thread worker = new Thread(() -> {
				try {
					while (true) {
						int i;
						synchronized (current) {
							if (done[0]) {
								return;
							}
							i = current[0];
						}
						Target target = targets.get(i);
						HttpRequest request = target.request().apply(ThreadLocalRandom.current());
						long start = System.nanoTime();
						HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
						latencies.get(i).add(System.nanoTime() - start);
						if (response.statusCode() != 200) {
							throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
						}
					}
				} catch (Exception e) {
					failures.add(e);
				}
			});
			workers.add(worker);
		}
		List<Integer> forwards = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			forwards.add(i);
		}
		List<Integer> backwards = new ArrayList<>(forwards);
		Collections.reverse(backwards);
		int cycles = Math.max(1, (int) Math.round(secondsEach * 1000.0 / sliceMillis));
		boolean started = false;
		for (int cycle = 0; cycle < cycles && failures.isEmpty(); cycle++) {
			for (int i : cycle % 2 == 0 ? forwards : backwards) {
				synchronized (current) {
					current[0] = i;
				}
				CpuTimes before = CpuTimes.now(targets.get(i).pid());
				long start = System.nanoTime();
				if (!started) {
					workers.forEach(Thread::start);
					started = true;
				}
				Thread.sleep(sliceMillis);
				nanos[i] += System.nanoTime() - start;
				cpu[i] = cpu[i].plus(CpuTimes.now(targets.get(i).pid()).since(before));
			}
		}
		synchronized (current) {
			done[0] = true;
		}
		for (Thread worker : workers) {
			worker.join();
		}
		if (!failures.isEmpty()) {
			throw new IllegalStateException("Benchmark request failed", failures.get(0));
		}
		List<Measurement> measurements = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			measurements.add(new Measurement(latencies.get(i).count() / (nanos[i] / 1e9), latencies.get(i), cpu[i]));
		}
		return measurements;
	}
}
