package io.smartvitals.conformance.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Patient and practitioner access tokens the way a SMART app gets them: a user account for the
 * FHIR user and a public app are set up through the admin API once, then every token is a fresh
 * authorization-code flow with PKCE (authorize, password login, approval page, code for token).
 * The suites of the {@code smart} package test that flow itself; this only walks it.
 */
final class UserLogins {

	static final String PASSWORD = "a long conformance password";
	static final String REDIRECT_URI = "https://app.example/callback";
	/** Every app's ceiling; each flow asks for part of it and approves all it asked for. */
	private static final List<String> CEILING = List.of("patient/*.cruds", "user/*.cruds");
	private static final Pattern CHECKED_SCOPE = Pattern.compile("<input type=\"(?:checkbox|radio)\" name=\"scope\" id=\"[^\"]+\" value=\"([^\"]*)\" checked");
	private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
	private static final Pattern CODE = Pattern.compile("[?&]code=([^&]+)");
	private static final ObjectMapper JSON = new ObjectMapper();

	private final RunningServer server;
	private final Set<String> done = ConcurrentHashMap.newKeySet();

	UserLogins(RunningServer server) {
		this.server = server;
	}

	/** An access token of {@code client} for a user whose FHIR user is {@code fhirUser} ({@code Patient/x} or {@code Practitioner/y}). */
	String accessToken(String tenant, String scopes, String fhirUser, String client) {
		String username = fhirUser.replace('/', '.').toLowerCase();
		once(tenant + " user " + username, () -> admin(tenant, "users", Map.of("username", username, "password", PASSWORD,
				"fhirUser", fhirUser, "kind", fhirUser.startsWith("Patient/") ? "patient" : "practitioner")));
		once(tenant + " client " + client, () -> admin(tenant, "clients", Map.ofEntries(Map.entry("clientId", client),
				Map.entry("name", "Conformance " + client), Map.entry("type", "public"), Map.entry("launchTypes", List.of("standalone")),
				Map.entry("scopes", CEILING), Map.entry("redirectUris", List.of(REDIRECT_URI)), Map.entry("launchUri", "https://app.example/launch"),
				Map.entry("owner", "conformance suite"), Map.entry("purpose", "user tokens for the access suites"),
				Map.entry("expiresAt", java.time.Instant.now().plusSeconds(7 * 86400).toString()))));
		CodeVerifier verifier = new CodeVerifier();
		Map<String, String> request = new LinkedHashMap<>();
		request.put("response_type", "code");
		request.put("client_id", client);
		request.put("redirect_uri", REDIRECT_URI);
		request.put("scope", scopes);
		request.put("state", UUID.randomUUID().toString());
		request.put("aud", server.base(tenant));
		request.put("code_challenge", CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue());
		request.put("code_challenge_method", "S256");
		String code = code(tenant, username, "/auth/" + tenant + "/authorize?" + Browser.query(request));
		HttpResponse<String> token = Http.send("POST", server.root() + "/auth/" + tenant + "/token",
				Map.of("Content-Type", "application/x-www-form-urlencoded", "Authorization", Http.NO_TOKEN),
				Browser.form(List.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI,
						"client_id", client, "code_verifier", verifier.getValue())));
		return read(token, 200).get("access_token").asText();
	}

	/** Follows the flow to the app's redirect, signing in and approving on the way; the code it carries. */
	private String code(String tenant, String username, String authorize) {
		Browser browser = new Browser(server.root());
		HttpResponse<String> response = browser.get(authorize);
		for (int hop = 0; hop < 12 && Browser.isRedirect(response); hop++) {
			URI target = URI.create(Browser.location(response));
			if (target.toString().startsWith(REDIRECT_URI)) {
				Matcher code = CODE.matcher("?" + target.getRawQuery());
				if (!code.find()) {
					throw new IllegalStateException("No code for " + username + ": " + target);
				}
				return java.net.URLDecoder.decode(code.group(1), java.nio.charset.StandardCharsets.UTF_8);
			}
			String path = target.getPath();
			if (path.endsWith("/login")) {
				String csrf = Browser.csrf(browser.get(target.toString()).body());
				response = browser.post(target.toString(), "_csrf", csrf, "username", username, "password", PASSWORD);
			} else if (path.endsWith("/consent")) {
				response = approve(browser, tenant, browser.get(target.toString()).body());
			} else {
				response = browser.get(target.toString());
			}
		}
		throw new IllegalStateException("The authorization flow of " + username + " ended at " + response.statusCode() + ": " + response.body());
	}

	private static HttpResponse<String> approve(Browser browser, String tenant, String page) {
		int start = page.indexOf("id=\"consent-form\"");
		if (start < 0) {
			throw new IllegalStateException("No approval form in:\n" + page);
		}
		String form = page.substring(start, page.indexOf("</form>", start));
		List<String> fields = new ArrayList<>();
		for (Pattern field : List.of(HIDDEN, CHECKED_SCOPE)) {
			Matcher m = field.matcher(form);
			while (m.find()) {
				fields.add(field == HIDDEN ? m.group(1) : "scope");
				fields.add(Browser.unescape(m.group(field == HIDDEN ? 2 : 1)));
			}
		}
		fields.addAll(List.of("decision", "approve"));
		return browser.post("/auth/" + tenant + "/authorize", fields);
	}

	private void once(String key, Runnable setUp) {
		if (!done.contains(key)) {
			synchronized (done) {
				if (done.add(key)) {
					setUp.run();
				}
			}
		}
	}

	private void admin(String tenant, String collection, Map<String, Object> body) {
		try {
			HttpResponse<String> created = Http.send("POST", server.root() + "/admin/tenants/" + tenant + "/" + collection,
					Map.of("Authorization", "Bearer " + RunningServer.OPERATOR_TOKEN, "Content-Type", "application/json"),
					JSON.writeValueAsString(body));
			// 409: the suite registered it itself (the same client id or user) before asking for tokens.
			if (created.statusCode() != 201 && created.statusCode() != 409) {
				throw new IllegalStateException("POST " + collection + " of " + tenant + ": " + created.statusCode() + " " + created.body());
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static JsonNode read(HttpResponse<String> response, int expected) {
		if (response.statusCode() != expected) {
			throw new IllegalStateException("Token request failed: " + response.statusCode() + " " + response.body());
		}
		try {
			return JSON.readTree(response.body());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
