package io.smartvitals.conformance.smart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
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

/**
 * What a user's browser does with the authorization server's pages: keeps cookies, follows no
 * redirect on its own (the suites look at every hop), reads CSRF fields and posts forms.
 */
final class Browser {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
	private final String root;
	private final HttpClient http;

	Browser(String root) {
		this.root = root;
		this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
	}

	HttpResponse<String> get(String pathOrUrl) {
		return send(HttpRequest.newBuilder(uri(pathOrUrl)).GET().build());
	}

	/** Posts a form; pairs are name, value, name, value, ... (names may repeat). */
	HttpResponse<String> post(String pathOrUrl, List<String> pairs) {
		return send(HttpRequest.newBuilder(uri(pathOrUrl))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form(pairs)))
				.build());
	}

	HttpResponse<String> post(String pathOrUrl, String... pairs) {
		return post(pathOrUrl, List.of(pairs));
	}

	static String form(List<String> pairs) {
		List<String> fields = new ArrayList<>();
		for (int i = 0; i < pairs.size(); i += 2) {
			fields.add(encode(pairs.get(i)) + "=" + encode(pairs.get(i + 1)));
		}
		return String.join("&", fields);
	}

	static String query(Map<String, String> parameters) {
		List<String> pairs = new ArrayList<>();
		parameters.forEach((name, value) -> {
			pairs.add(name);
			pairs.add(value);
		});
		return form(pairs);
	}

	static String csrf(String html) {
		Matcher m = CSRF.matcher(html);
		if (!m.find()) {
			throw new AssertionError("No CSRF field in:\n" + html);
		}
		return m.group(1);
	}

	static String location(HttpResponse<?> response) {
		return response.headers().firstValue("Location")
				.orElseThrow(() -> new AssertionError("No Location header in a " + response.statusCode() + " answer: " + response.body()));
	}

	static boolean isRedirect(HttpResponse<?> response) {
		return response.statusCode() >= 300 && response.statusCode() < 400;
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private URI uri(String pathOrUrl) {
		return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : root + pathOrUrl);
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
