package io.smartvitals.conformance.support;

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
public final class Browser {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
	private final String root;
	private final HttpClient http;
	/** Another node's port to send to, with the public Host and the same cookies; null: the server itself. */
	private final Integer node;

	public Browser(String root) {
		this(root, HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build(), null);
	}

	private Browser(String root, HttpClient http, Integer node) {
		this.root = root;
		this.http = http;
		this.node = node;
	}

	/**
	 * This browser's next requests land on another node (its port), as a load balancer without
	 * sticky sessions may send them: same public {@code Host}, same cookie jar. Needs the JVM
	 * started with {@code -Djdk.httpclient.allowRestrictedHeaders=host} (the build's argLine).
	 */
	public Browser at(int nodePort) {
		return new Browser(root, http, nodePort);
	}

	public HttpResponse<String> get(String pathOrUrl) {
		return send(request(pathOrUrl).GET().build());
	}

	/** Posts a form; pairs are name, value, name, value, ... (names may repeat). */
	public HttpResponse<String> post(String pathOrUrl, List<String> pairs) {
		return send(request(pathOrUrl)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form(pairs)))
				.build());
	}

	public HttpResponse<String> post(String pathOrUrl, String... pairs) {
		return post(pathOrUrl, List.of(pairs));
	}

	public static String form(List<String> pairs) {
		List<String> fields = new ArrayList<>();
		for (int i = 0; i < pairs.size(); i += 2) {
			fields.add(encode(pairs.get(i)) + "=" + encode(pairs.get(i + 1)));
		}
		return String.join("&", fields);
	}

	public static String query(Map<String, String> parameters) {
		List<String> pairs = new ArrayList<>();
		parameters.forEach((name, value) -> {
			pairs.add(name);
			pairs.add(value);
		});
		return form(pairs);
	}

	public static String csrf(String html) {
		Matcher m = CSRF.matcher(html);
		if (!m.find()) {
			throw new AssertionError("No CSRF field in:\n" + html);
		}
		return m.group(1);
	}

	/** An attribute value as the page escaped it, back to text (the entities Thymeleaf writes). */
	public static String unescape(String html) {
		return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
	}

	public static String location(HttpResponse<?> response) {
		return response.headers().firstValue("Location")
				.orElseThrow(() -> new AssertionError("No Location header in a " + response.statusCode() + " answer: " + response.body()));
	}

	public static boolean isRedirect(HttpResponse<?> response) {
		return response.statusCode() >= 300 && response.statusCode() < 400;
	}

	public static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private HttpRequest.Builder request(String pathOrUrl) {
		URI uri = URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : root + pathOrUrl);
		if (node == null) {
			return HttpRequest.newBuilder(uri);
		}
		URI atNode = URI.create(uri.getScheme() + "://" + uri.getHost() + ":" + node + uri.getRawPath()
				+ (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
		return HttpRequest.newBuilder(atNode).header("Host", uri.getAuthority());
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
