package io.smartvitals.conformance.smart;

import io.smartvitals.conformance.support.Browser;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.smartvitals.conformance.smart.AuthorizationFlow.Outcome;
import io.smartvitals.conformance.smart.SmartTenant.Client;
import io.smartvitals.conformance.smart.TokenEndpoint.Answer;
import io.smartvitals.conformance.support.PostgresSuite;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A standalone launch in a real browser: headless Chromium logs in, unchecks one scope on the
 * approval page, picks a patient and is redirected to a loopback redirect URI served by this test,
 * which then exchanges the code. Skipped, loudly, where Chromium and chromedriver are not installed
 * (Debian: {@code apt-get install -y chromium chromium-driver}).
 */
class BrowserLaunchIT extends PostgresSuite {

	private static final String SCOPE = "launch/patient openid fhirUser offline_access patient/*.rs";
	private static List<Path> chromium;
	private static HttpServer app;
	private static final CompletableFuture<URI> CALLBACK = new CompletableFuture<>();

	@BeforeAll
	static void browserAndApp() throws Exception {
		chromium = WebDriverSession.installation().orElse(null);
		if (chromium == null) {
			System.err.println("\n"
					+ "#################################################################\n"
					+ "##  BROWSER SUITE SKIPPED: no /usr/bin/chromium and /usr/bin/chromedriver\n"
					+ "##  (apt-get install -y chromium chromium-driver, or set CHROME_BIN and CHROMEDRIVER)\n"
					+ "#################################################################\n");
		}
		Assumptions.assumeTrue(chromium != null, "BrowserLaunchIT skipped: Chromium and chromedriver are not installed");
		app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		app.createContext("/callback", exchange -> {
			CALLBACK.complete(URI.create("http://127.0.0.1" + exchange.getRequestURI()));
			byte[] page = "<!DOCTYPE html><title>App</title><p id=\"done\">Back at the app</p>".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, page.length);
			exchange.getResponseBody().write(page);
			exchange.close();
		});
		app.start();
	}

	@AfterAll
	static void stopApp() {
		if (app != null) {
			app.stop(0);
		}
	}

	@Test
	@DisplayName("S1 S2 S6 in Chromium: login, uncheck offline_access, pick the patient, loopback redirect, code exchange")
	void standaloneLaunchInARealBrowser() throws Exception {
		SmartTenant tenant = SmartTenant.create(server, "browser");
		String redirectUri = "http://127.0.0.1:" + app.getAddress().getPort() + "/callback";
		Map<String, Object> registration = new LinkedHashMap<>();
		registration.put("clientId", "browser-app");
		registration.put("name", "Browser app");
		registration.put("type", "public");
		registration.put("launchTypes", List.of("standalone"));
		registration.put("scopes", SmartTenant.APP_SCOPES);
		registration.put("redirectUris", List.of(redirectUri));
		registration.put("owner", "conformance suite");
		registration.put("purpose", "real-browser launch");
		registration.put("expiresAt", Instant.now().plusSeconds(86400).toString());
		tenant.admin("POST", "/admin/tenants/" + tenant.id + "/clients", registration, 201);
		Client client = new Client("browser-app", "public", null, null);
		AuthorizationFlow flow = new AuthorizationFlow(tenant, client, SCOPE).with("redirect_uri", redirectUri);

		try (WebDriverSession browser = WebDriverSession.start(chromium.get(0), chromium.get(1))) {
			browser.open(flow.authorizationRequestUrl());
			assertThat(URI.create(browser.currentUrl()).getPath()).isEqualTo("/auth/" + tenant.id + "/login");
			browser.type("input[name=username]", SmartTenant.PRACTITIONER_USER);
			browser.type("input[name=password]", SmartTenant.PASSWORD);
			browser.click("form button[type=submit]");

			assertThat(browser.awaitPath("/auth/" + tenant.id + "/consent")).isEqualTo("/auth/" + tenant.id + "/consent");
			// Item 6 of issue 21: the page is styled under its CSP (the one inline stylesheet is allowed by hash),
			// names the tenant and the app, and fits a phone without sideways scrolling.
			browser.windowSize(375, 800);
			assertThat(browser.script("return getComputedStyle(document.querySelector('header.tenant')).backgroundColor").asText())
					.as("stylesheet applied").isEqualTo("rgb(15, 61, 94)");
			assertThat(browser.script("return document.querySelector('header.tenant span').textContent").asText()).isNotBlank();
			assertThat(browser.script("return document.getElementById('app-name').textContent").asText()).isEqualTo("Browser app");
			assertThat(browser.script("return document.documentElement.scrollWidth <= window.innerWidth").asBoolean())
					.as("no horizontal scrolling at 375 px").isTrue();
			assertThat(browser.script("return document.getElementById('approve').getBoundingClientRect().right <= window.innerWidth").asBoolean())
					.isTrue();
			// Enter in the picker's search (inside the approval form, after the scopes) only searches.
			browser.type("input[name=patient_name]", "One\uE007");
			assertThat(URI.create(browser.currentUrl()).getPath()).isEqualTo("/auth/" + tenant.id + "/consent");
			assertThat(URI.create(browser.currentUrl()).getQuery()).contains("patient_name=One");
			assertThat(browser.pageSource()).contains("value=\"" + tenant.patient + "\"").doesNotContain(tenant.otherPatient);
			assertThat(CALLBACK).as("searching approved nothing").isNotDone();
			String offline = "input[name=scope][value=offline_access]";
			assertThat(browser.isSelected(offline)).isTrue();
			browser.click(offline);
			assertThat(browser.isSelected(offline)).isFalse();
			browser.click("input[name=patient][value='" + tenant.patient + "']");
			browser.click("#approve");

			URI callback = CALLBACK.get(30, TimeUnit.SECONDS);
			assertThat(browser.pageSource()).contains("Back at the app");
			Outcome outcome = new Outcome(null, callback);
			assertThat(outcome.query()).containsEntry("state", flow.state()).containsKey("code");

			Answer answer = TokenEndpoint.exchange(flow, outcome.code());
			assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
			assertThat(StandaloneLaunchIT.words(answer.text("scope"))).contains("launch/patient", "openid", "fhirUser", "patient/*.rs")
					.doesNotContain("offline_access");
			assertThat(answer.json().has("refresh_token")).isFalse();
			assertThat(answer.text("patient")).isEqualTo(tenant.patient);
		}
	}
}
