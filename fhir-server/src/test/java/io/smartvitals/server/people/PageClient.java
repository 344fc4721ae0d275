package io.smartvitals.server.people;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser-like HTTP client for the pages: keeps cookies, never follows redirects, reads CSRF fields. */
final class PageClient {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
	private final String root;
	private final CookieManager cookies = new CookieManager();
	private final HttpClient http;

	PageClient(String root) {
		this.root = root;
		this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
	}

	HttpResponse<String> get(String pathOrUrl) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(uri(pathOrUrl)).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Posts a form; pairs are name, value, name, value, ... (names may repeat). */
	HttpResponse<String> post(String path, String... pairs) throws IOException, InterruptedException {
		return http.send(form(path, pairs).build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Posts a form with the given {@code X-Request-Id}, to find the request on the audit trail. */
	HttpResponse<String> postWithRequestId(String requestId, String path, String... pairs) throws IOException, InterruptedException {
		return http.send(form(path, pairs).header("X-Request-Id", requestId).build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder form(String path, String... pairs) {
		List<String> fields = new ArrayList<>();
		for (int i = 0; i < pairs.length; i += 2) {
			fields.add(encode(pairs[i]) + "=" + encode(pairs[i + 1]));
		}
		return HttpRequest.newBuilder(uri(path))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(String.join("&", fields)));
	}

	/** GETs a form page and posts to it with its CSRF token plus the given fields. */
	HttpResponse<String> submit(String formPage, String action, String... pairs) throws IOException, InterruptedException {
		String token = csrf(get(formPage).body());
		String[] all = new String[pairs.length + 2];
		all[0] = "_csrf";
		all[1] = token;
		System.arraycopy(pairs, 0, all, 2, pairs.length);
		return post(action, all);
	}

	HttpResponse<String> login(String tenant, String username, String password) throws IOException, InterruptedException {
		return submit("/auth/" + tenant + "/login", "/auth/" + tenant + "/login", "username", username, "password", password);
	}

	static String csrf(String html) {
		Matcher m = CSRF.matcher(html);
		if (!m.find()) {
			throw new AssertionError("No CSRF field in:\n" + html);
		}
		return m.group(1);
	}

	static String location(HttpResponse<?> response) {
		return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError("No Location header"));
	}

	String sessionId() {
		return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID")).map(HttpCookie::getValue)
				.findFirst().orElse(null);
	}

	static String query(Map<String, String> parameters) {
		return parameters.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
	}

	private URI uri(String pathOrUrl) {
		return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : root + pathOrUrl);
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
