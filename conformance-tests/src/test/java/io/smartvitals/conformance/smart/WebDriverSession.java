package io.smartvitals.conformance.smart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Headless Chromium driven through chromedriver's W3C WebDriver HTTP API with java.net.http. No
 * Selenium: it is served, but Spring Boot's dependency management pins Selenium and OpenTelemetry
 * versions older than the served Selenium needs, and a few endpoints are all this suite uses.
 */
final class WebDriverSession implements AutoCloseable {

	/** W3C WebDriver's key for an element reference. */
	private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final Process driver;
	private final String endpoint;
	private final String session;

	private WebDriverSession(Process driver, String endpoint, String session) {
		this.driver = driver;
		this.endpoint = endpoint;
		this.session = session;
	}

	/** Chromium and chromedriver as Debian installs them, or where CHROME_BIN and CHROMEDRIVER say; empty if missing. */
	static Optional<List<Path>> installation() {
		Path chromium = Path.of(Optional.ofNullable(System.getenv("CHROME_BIN")).orElse("/usr/bin/chromium"));
		Path chromedriver = Path.of(Optional.ofNullable(System.getenv("CHROMEDRIVER")).orElse("/usr/bin/chromedriver"));
		return Files.isExecutable(chromium) && Files.isExecutable(chromedriver) ? Optional.of(List.of(chromium, chromedriver)) : Optional.empty();
	}

	static WebDriverSession start(Path chromium, Path chromedriver) throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Process driver = new ProcessBuilder(chromedriver.toString(), "--port=" + port).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
		String endpoint = "http://127.0.0.1:" + port;
		Instant deadline = Instant.now().plusSeconds(30);
		while (true) {
			try {
				if (call("GET", endpoint + "/status", null).path("value").path("ready").asBoolean()) {
					break;
				}
			} catch (UncheckedIOException notYet) {
				// chromedriver still starting
			}
			if (Instant.now().isAfter(deadline)) {
				driver.destroyForcibly();
				throw new IllegalStateException("chromedriver did not start on " + endpoint);
			}
			Thread.sleep(200);
		}
		Map<String, Object> options = Map.of("binary", chromium.toString(),
				"args", List.of("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"));
		JsonNode created = call("POST", endpoint + "/session",
				Map.of("capabilities", Map.of("alwaysMatch", Map.of("browserName", "chrome", "goog:chromeOptions", options))));
		String session = created.path("value").path("sessionId").asText(null);
		if (session == null) {
			driver.destroyForcibly();
			throw new IllegalStateException("No WebDriver session: " + created);
		}
		return new WebDriverSession(driver, endpoint, session);
	}

	void open(String url) {
		command("POST", "/url", Map.of("url", url));
	}

	String currentUrl() {
		return command("GET", "/url", null).path("value").asText();
	}

	/**
	 * The page's path once it is {@code expected}, or the last one seen after 10 s. A click that
	 * submits a form returns before the browser has navigated, so a test waits for the next page.
	 */
	String awaitPath(String expected) throws InterruptedException {
		long deadline = System.nanoTime() + 10_000_000_000L;
		String path = java.net.URI.create(currentUrl()).getPath();
		while (!expected.equals(path) && System.nanoTime() < deadline) {
			Thread.sleep(100);
			path = java.net.URI.create(currentUrl()).getPath();
		}
		return path;
	}

	String pageSource() {
		return command("GET", "/source", null).path("value").asText();
	}

	/** The element a CSS selector finds; fails the test when there is none. */
	String find(String css) {
		JsonNode found = command("POST", "/element", Map.of("using", "css selector", "value", css));
		String id = found.path("value").path(ELEMENT).asText(null);
		if (id == null) {
			throw new AssertionError("No element " + css + " on " + currentUrl() + ": " + found + "\n" + pageSource());
		}
		return id;
	}

	void type(String css, String text) {
		command("POST", "/element/" + find(css) + "/value", Map.of("text", text));
	}

	void click(String css) {
		command("POST", "/element/" + find(css) + "/click", Map.of());
	}

	boolean isSelected(String css) {
		return command("GET", "/element/" + find(css) + "/selected", null).path("value").asBoolean();
	}

	/** Resizes the window, e.g. to a phone's 375 CSS pixels. */
	void windowSize(int width, int height) {
		command("POST", "/window/rect", Map.of("width", width, "height", height));
	}

	/** Runs a script in the page and answers its result (WebDriver "Execute Script"). */
	JsonNode script(String body) {
		return command("POST", "/execute/sync", Map.of("script", body, "args", List.of())).path("value");
	}

	private JsonNode command(String method, String path, Object body) {
		return call(method, endpoint + "/session/" + session + path, body);
	}

	private static JsonNode call(String method, String url, Object body) {
		try {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
					.header("Content-Type", "application/json");
			request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
			return JSON.readTree(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	@Override
	public void close() {
		try {
			call("DELETE", endpoint + "/session/" + session, null);
		} catch (RuntimeException ignored) {
			// the driver goes anyway
		} finally {
			driver.destroy();
		}
	}
}
