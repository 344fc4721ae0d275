package io.smartvitals.conformance.smart;

import io.smartvitals.conformance.support.Browser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartvitals.conformance.support.Http;
import io.smartvitals.conformance.support.PostgresSuite;
import io.smartvitals.conformance.support.RawHttp;
import io.smartvitals.conformance.support.RunningServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, sign-in: nothing the login answers tells whether a username exists or what state its
 * account is in (same message, same cost: every checked refusal compares one password hash), and
 * nobody can lock a victim out by hammering: attempts inside a wait are not checked and do not
 * count, and a hammering source is throttled across usernames before any account's lock is near.
 * Defaults of the server under test: 3 free account failures then 1 s doubling, lock at 10;
 * 20 free failures per source and tenant.
 */
class LoginOracleIT extends PostgresSuite {

	private static final String PASSWORD = "a long conformance password";
	private static final Pattern ERROR = Pattern.compile("class=\"error\"[^>]*>([^<]*)<");
	private static final ObjectMapper JSON = new ObjectMapper();

	@Test
	void anUnknownUserAndAKnownOneInEveryStateGetTheSameMessageAtTheSameCost() {
		String tenant = tenantWith("oracle", "wrong", "gone", "held", "waiting");
		admin("POST", "/admin/tenants/" + tenant + "/users/gone/disable");
		admin("POST", "/admin/tenants/" + tenant + "/users/held/lock");
		Browser browser = new Browser(server.root());
		Map<String, String> states = new LinkedHashMap<>();
		states.put("wrong", "not the password");
		states.put("gone", PASSWORD);
		states.put("held", PASSWORD);
		// 18 refusals in all from this address: under the source's 20 free ones, so only the accounts' states differ.
		List<Attempt> unknown = new ArrayList<>();
		Map<String, List<Attempt>> known = new LinkedHashMap<>();
		for (int round = 0; round < 3; round++) {
			unknown.add(attempt(browser, tenant, "nobody-" + round, PASSWORD));
			states.forEach((user, password) -> known.computeIfAbsent(user, k -> new ArrayList<>()).add(attempt(browser, tenant, user, password)));
		}
		// The account in its wait: three failures, then at once (the wait is 1 s and attempts inside do not extend it).
		for (int i = 0; i < 3; i++) {
			login(browser, tenant, "waiting", "wrong " + i);
		}
		known.put("waiting", List.of(attempt(browser, tenant, "waiting", PASSWORD), attempt(browser, tenant, "waiting", PASSWORD),
				attempt(browser, tenant, "waiting", PASSWORD)));

		String message = unknown.get(0).message();
		assertThat(message).startsWith("Wrong username or password");
		long unknownMedian = median(unknown);
		known.forEach((user, attempts) -> {
			assertThat(attempts).as(user).allSatisfy(a -> assertThat(a.message()).isEqualTo(message));
			assertThat((double) median(attempts) / unknownMedian)
					.as("cost of a refusal for '%s' %s against an unknown user %s", user, attempts, unknown).isBetween(0.5, 2.0);
		});
	}

	private record Attempt(long millis, String message) {}

	@Test
	void hammeringAVictimDoesNotLockItAndTheHammeringSourceIsThrottledFirst() throws Exception {
		String tenant = tenantWith("hammer", "victim");
		Browser attacker = new Browser(server.root());
		long started = System.nanoTime();
		String last = "";
		for (int i = 0; i < 40; i++) {
			last = message(attacker, tenant, "victim", "guess " + i);
		}
		Duration hammering = Duration.ofNanos(System.nanoTime() - started);
		assertThat(last).as("the hammering source waits, whatever username it names")
				.startsWith("Too many failed sign-ins from your network");
		assertThat(message(attacker, tenant, "nobody-at-all", "guess")).startsWith("Too many failed sign-ins from your network");

		JsonNode victim = JSON.readTree(admin("GET", "/admin/tenants/" + tenant + "/users/victim").body());
		int counted = victim.get("failedAttempts").asInt();
		assertThat(victim.path("lockedUntil").isNull() || victim.path("lockedUntil").isMissingNode())
				.as("not locked after %s of hammering (%s counted failures): %s", hammering, counted, victim).isTrue();
		assertThat(counted).isLessThan(10);

		// The victim, from another address, once the account's own wait (1 s doubling after 3) has run out.
		Thread.sleep(Duration.ofSeconds(1L << Math.max(0, counted - 3)).toMillis() + 100);
		int port = URI.create(server.root()).getPort();
		String page = RawHttp.exchange("127.0.0.2", port, "GET", "/auth/" + tenant + "/login", null, "Host: localhost:" + port);
		String cookie = RawHttp.sessionCookie(page).orElseThrow();
		String form = Browser.form(List.of("_csrf", Browser.csrf(page), "username", "victim", "password", PASSWORD));
		String signedIn = RawHttp.exchange("127.0.0.2", port, "POST", "/auth/" + tenant + "/login", form, "Host: localhost:" + port,
				"Cookie: " + cookie, "Content-Type: application/x-www-form-urlencoded");
		assertThat(signedIn).startsWith("HTTP/1.1 303");
		assertThat(RawHttp.location(signedIn)).as(signedIn).doesNotEndWith("/login").doesNotContain("/mfa");
	}

	private static String tenantWith(String prefix, String... users) {
		String tenant = Http.createTenant(server, prefix + "-" + UUID.randomUUID().toString().substring(0, 6));
		for (String user : users) {
			HttpResponse<String> created = admin("POST", "/admin/tenants/" + tenant + "/users", "{\"username\":\"" + user
					+ "\",\"password\":\"" + PASSWORD + "\",\"fhirUser\":\"Practitioner/" + user + "\",\"kind\":\"practitioner\"}");
			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		}
		return tenant;
	}

	private static HttpResponse<String> admin(String method, String path) {
		return admin(method, path, null);
	}

	private static HttpResponse<String> admin(String method, String path, String body) {
		return Http.send(method, server.root() + path, body == null ? Map.of("Authorization", "Bearer " + RunningServer.OPERATOR_TOKEN)
				: Map.of("Authorization", "Bearer " + RunningServer.OPERATOR_TOKEN, "Content-Type", "application/json"), body);
	}

	private static HttpResponse<String> login(Browser browser, String tenant, String username, String password) {
		String csrf = Browser.csrf(browser.get("/auth/" + tenant + "/login").body());
		return browser.post("/auth/" + tenant + "/login", "_csrf", csrf, "username", username, "password", password);
	}

	/** The message the login page shows after a refused attempt. */
	private static String message(Browser browser, String tenant, String username, String password) {
		return attempt(browser, tenant, username, password).message();
	}

	/** A refused attempt: how long its POST took (page and CSRF field fetched before the clock starts), and the message shown after. */
	private static Attempt attempt(Browser browser, String tenant, String username, String password) {
		String csrf = Browser.csrf(browser.get("/auth/" + tenant + "/login").body());
		long start = System.nanoTime();
		HttpResponse<String> answer = browser.post("/auth/" + tenant + "/login", "_csrf", csrf, "username", username, "password", password);
		long millis = (System.nanoTime() - start) / 1_000_000;
		assertThat(Browser.location(answer)).endsWith("/auth/" + tenant + "/login");
		Matcher m = ERROR.matcher(browser.get("/auth/" + tenant + "/login").body());
		assertThat(m.find()).as("a message is shown").isTrue();
		return new Attempt(Math.max(1, millis), m.group(1));
	}

	private static long median(List<Attempt> attempts) {
		List<Long> sorted = attempts.stream().map(Attempt::millis).sorted().toList();
		return sorted.get(sorted.size() / 2);
	}
}
