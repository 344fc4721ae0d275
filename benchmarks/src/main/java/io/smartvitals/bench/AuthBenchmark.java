package io.smartvitals.bench;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.smartvitals.interceptors.token.AccessTokenVerifier;
import io.smartvitals.interceptors.token.TokenVerdict;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Iterator;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The authorization server's two hot paths, each against a baseline measured in the same run:
 * <ol>
 * <li>access-token validation on the FHIR side ({@link AccessTokenVerifier}), in process, per
 * call: at first sight (parse, RS256 signature with a cached key, claims, scope parse) and for a
 * token seen before (its remembered verdict), against a bare Nimbus RS256 signature check;</li>
 * <li>Backend Services token grants ({@code client_credentials} with an RS384
 * {@code private_key_jwt}) over HTTP against a server process on PostgreSQL, against the same
 * server's public JWKS endpoint (HTTP, routing and security filters, no crypto, no database).</li>
 * </ol>
 * Client assertions are signed before the timed phase, so the client's own RSA signing does not
 * compete with the server for the machine's cores.
 */
public final class AuthBenchmark {

	public static void main(String[] args) throws Exception {
		Arguments a = Arguments.parse(args);
		int rounds = a.getInt("rounds", 5);
		int verifications = a.getInt("verifications", 100_000);
		int grants = a.getInt("grants", 4_000);
		int threads = a.getInt("threads", 4);
		String pg = a.get("postgres", "jdbc:postgresql://127.0.0.1:5432/");
		String user = a.get("user", "postgres");
		Path jar = Path.of(a.get("server-jar", "fhir-server/target/fhir-server-0.1.0-SNAPSHOT-exec.jar"));

		validation(rounds, verifications);
		if (grants > 0) {
			tokenEndpoint(jar, pg, user, rounds, grants, threads);
		}
	}

	private static void validation(int rounds, int perRound) throws Exception {
		RSAKey key = new RSAKeyGenerator(2048).keyID("bench-key").generate();
		JWKSet published = new JWKSet(key.toPublicJWK());
		String issuer = "https://vitals.example.org/auth/bench";
		String audience = "https://vitals.example.org/fhir/bench";
		// Distinct tokens (own jti), so that each is verified for the first time once per round.
		List<String> fresh = new ArrayList<>();
		for (int i = 0; i < FIRST_SIGHTS; i++) {
			fresh.add(token(key, issuer, audience));
		}
		String token = fresh.get(0);
		AccessTokenVerifier seen = new AccessTokenVerifier(tenant -> published, Clock.systemUTC(), Duration.ofSeconds(30));
		if (!(seen.verify(token, "bench", issuer, audience) instanceof TokenVerdict.Valid)) {
			throw new IllegalStateException("The benchmark token does not verify");
		}
		com.nimbusds.jose.crypto.RSASSAVerifier bare = new com.nimbusds.jose.crypto.RSASSAVerifier(key.toRSAPublicKey());
		Runnable again = () -> {
			if (!(seen.verify(token, "bench", issuer, audience) instanceof TokenVerdict.Valid)) {
				throw new IllegalStateException("verification failed");
			}
		};
		Runnable signatureOnly = () -> {
			try {
				if (!SignedJWT.parse(token).verify(bare)) {
					throw new IllegalStateException("signature failed");
				}
			} catch (Exception e) {
				throw new IllegalStateException(e);
			}
		};
		System.out.println("== Access-token validation, one thread, in process ==");
		firstSight(published, fresh, issuer, audience, AccessTokenVerifier.DEFAULT_VERIFIED_TOKENS);
		firstSight(published, fresh, issuer, audience, 0);
		perCall("warm-up", again, perRound);
		perCall("warm-up", signatureOnly, perRound);
		double[] firstUs = new double[rounds];
		double[] seenUs = new double[rounds];
		double[] bareUs = new double[rounds];
		double[] noMemoryUs = new double[rounds];
		for (int r = 0; r < rounds; r++) {
			bareUs[r] = perCall("nimbus RS256 verify only (baseline)", signatureOnly, perRound);
			noMemoryUs[r] = firstSight(published, fresh, issuer, audience, 0);
			firstUs[r] = firstSight(published, fresh, issuer, audience, AccessTokenVerifier.DEFAULT_VERIFIED_TOKENS);
			seenUs[r] = perCall("AccessTokenVerifier, token seen before", again, perRound);
		}
		System.out.printf(Locale.ROOT, "validation first sight: median %.1f us per token (baseline signature only %.1f us), ratio %.2f%n",
				median(firstUs), median(bareUs), median(firstUs) / median(bareUs));
		System.out.printf(Locale.ROOT, "validation first sight without the token memory: median %.1f us (the memory adds %.1f us)%n",
				median(noMemoryUs), median(firstUs) - median(noMemoryUs));
		System.out.printf(Locale.ROOT, "validation seen before: median %.2f us per token (%.3f of the signature-only baseline)%n",
				median(seenUs), median(seenUs) / median(bareUs));
	}

	private static final int FIRST_SIGHTS = 5_000;

	/** A fresh verifier (empty token memory) over distinct tokens: every verification is a first sight. */
	private static double firstSight(JWKSet published, List<String> tokens, String issuer, String audience, int memory) {
		AccessTokenVerifier verifier = new AccessTokenVerifier(tenant -> published, Clock.systemUTC(), Duration.ofSeconds(30), memory);
		Iterator<String> next = tokens.iterator();
		return perCall(memory > 0 ? "AccessTokenVerifier, first sight" : "first sight, token memory off", () -> {
			if (!(verifier.verify(next.next(), "bench", issuer, audience) instanceof TokenVerdict.Valid)) {
				throw new IllegalStateException("verification failed");
			}
		}, tokens.size());
	}

	private static String token(RSAKey key, String issuer, String audience) throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("bench-key").type(JOSEObjectType.JWT).build(),
				new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject("patient-user-1").claim("client_id", "app")
						.claim("tenant", "bench").claim("patient", "123")
						.claim("scope", "launch/patient openid fhirUser patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs patient/Patient.rs")
						.jwtID(UUID.randomUUID().toString()).issueTime(new Date())
						.expirationTime(Date.from(Instant.now().plusSeconds(3600))).build());
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	private static double perCall(String label, Runnable call, int times) {
		long start = System.nanoTime();
		for (int i = 0; i < times; i++) {
			call.run();
		}
		double us = (System.nanoTime() - start) / 1e3 / times;
		System.out.printf(Locale.ROOT, "  %-40s %.1f us%n", label, us);
		return us;
	}

	private static void tokenEndpoint(Path jar, String pg, String user, int rounds, int grants, int threads) throws Exception {
		String db = "vitals_bench_auth_" + System.currentTimeMillis();
		try (Connection admin = DriverManager.getConnection(pg + "postgres", user, "")) {
			admin.createStatement().execute("CREATE DATABASE " + db);
		}
		Path log = Files.createTempFile("vitals-bench-auth", ".log");
		System.out.println("== Backend Services token grants over HTTP (server log " + log + ") ==");
		try (ServerProcess server = ServerProcess.start(jar, 18000 + ThreadLocalRandom.current().nextInt(1000), pg + db, user,
				List.of("--vitals.vital-signs-validation=false"), log)) {
			server.createTenant("bench");
			RSAKey key = new RSAKeyGenerator(2048).keyID("exporter-key").generate();
			server.registerBackendClient("bench", "exporter", new JWKSet(key.toPublicJWK()).toString(), "system/Observation.rs");
			String tokenUrl = server.root() + "/auth/bench/token";
			String jwksUrl = server.root() + "/auth/bench/jwks";
			HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			// Warm-up, not counted.
			hammer(http, requests(assertions(key, tokenUrl, 2000), tokenUrl), threads, 200);
			hammer(http, jwksRequests(jwksUrl, 2000), threads, 200);
			double[] grantRates = new double[rounds];
			double[] jwksRates = new double[rounds];
			for (int r = 0; r < rounds; r++) {
				List<String> bodies = assertions(key, tokenUrl, grants);
				Result jwks = hammer(http, jwksRequests(jwksUrl, grants), threads, 200);
				Result granted = hammer(http, requests(bodies, tokenUrl), threads, 200);
				jwksRates[r] = jwks.perSecond;
				grantRates[r] = granted.perSecond;
				System.out.printf(Locale.ROOT, "  round %d: token grants %.0f/s (p50 %.1f ms, p99 %.1f ms); JWKS baseline %.0f/s (p50 %.1f ms)%n",
						r + 1, granted.perSecond, granted.latencies.quantileMillis(0.5), granted.latencies.quantileMillis(0.99),
						jwks.perSecond, jwks.latencies.quantileMillis(0.5));
			}
			System.out.printf(Locale.ROOT, "token endpoint: median %.0f grants/s with %d client threads (JWKS baseline %.0f req/s), ratio %.2f; server peak RSS %d MiB%n",
					median(grantRates), threads, median(jwksRates), median(grantRates) / median(jwksRates), server.peakRssMiB());
		} finally {
			try (Connection admin = DriverManager.getConnection(pg + "postgres", user, "")) {
				admin.createStatement().execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
			}
		}
	}

	/** Form bodies of client_credentials requests, each with a fresh RS384 assertion (unique jti). */
	private static List<String> assertions(RSAKey key, String tokenUrl, int count) throws Exception {
		RSASSASigner signer = new RSASSASigner(key);
		List<String> bodies = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			SignedJWT assertion = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS384).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
					new JWTClaimsSet.Builder().issuer("exporter").subject("exporter").audience(tokenUrl)
							.expirationTime(Date.from(Instant.now().plusSeconds(290)))
							.jwtID(HexFormat.of().formatHex(randomBytes(32)))
							.build());
			assertion.sign(signer);
			bodies.add("grant_type=client_credentials&scope=" + URLEncoder.encode("system/Observation.rs", StandardCharsets.UTF_8)
					+ "&client_assertion_type=" + URLEncoder.encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
					+ "&client_assertion=" + assertion.serialize());
		}
		return bodies;
	}

	private static byte[] randomBytes(int n) {
		byte[] bytes = new byte[n];
		ThreadLocalRandom.current().nextBytes(bytes);
		return bytes;
	}

	private static List<Supplier<HttpRequest>> requests(List<String> bodies, String tokenUrl) {
		List<Supplier<HttpRequest>> requests = new ArrayList<>(bodies.size());
		for (String body : bodies) {
			requests.add(() -> HttpRequest.newBuilder(URI.create(tokenUrl)).header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(body)).build());
		}
		return requests;
	}

	private static List<Supplier<HttpRequest>> jwksRequests(String jwksUrl, int count) {
		List<Supplier<HttpRequest>> requests = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			requests.add(() -> HttpRequest.newBuilder(URI.create(jwksUrl)).GET().build());
		}
		return requests;
	}

	record Result(double perSecond, Latencies latencies) {}

	/** Sends every request once from {@code threads} threads; any answer other than 200 aborts the run. */
	private static Result hammer(HttpClient http, List<Supplier<HttpRequest>> requests, int threads, int expected) throws Exception {
		AtomicInteger next = new AtomicInteger();
		Latencies latencies = new Latencies();
		List<Thread> workers = new ArrayList<>();
		List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
		long start = System.nanoTime();
		for (int t = 0; t < threads; t++) {
			Thread worker = new Thread(() -> {
				for (int i = next.getAndIncrement(); i < requests.size(); i = next.getAndIncrement()) {
					long sent = System.nanoTime();
					try {
						HttpResponse<String> response = http.send(requests.get(i).get(), HttpResponse.BodyHandlers.ofString());
						if (response.statusCode() != expected) {
							throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
						}
					} catch (Exception e) {
						failures.add(e);
						return;
					}
					latencies.add(System.nanoTime() - sent);
				}
			});
			workers.add(worker);
			worker.start();
		}
		for (Thread worker : workers) {
			worker.join();
		}
		if (!failures.isEmpty()) {
			throw new IllegalStateException("Benchmark request failed", failures.get(0));
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		return new Result(requests.size() / seconds, latencies);
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}
}
