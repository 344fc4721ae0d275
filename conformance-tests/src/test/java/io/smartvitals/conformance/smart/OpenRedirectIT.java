package io.smartvitals.conformance.smart;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartvitals.conformance.support.Http;
import io.smartvitals.conformance.support.PostgresSuite;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 19: {@code /authorize} never redirects to a URI that is not registered, exactly, for the
 * client named, whatever the client type and whatever the error: a backend client (no redirect
 * URIs at all), an unknown client, or an app asking for a look-alike URI get an error page.
 */
class OpenRedirectIT extends PostgresSuite {

	private static final String EVIL = "https://evil.example/steal";
	private static SmartTenant tenant;

	@BeforeAll
	static void tenant() {
		tenant = SmartTenant.create(server, "redirect");
	}

	private static HttpResponse<String> authorize(String clientId, String redirectUri, String extra) {
		String query = "response_type=code&client_id=" + clientId + "&redirect_uri=" + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8)
				+ "&state=s1&aud=" + URLEncoder.encode(tenant.base(), StandardCharsets.UTF_8) + extra;
		return Http.send("GET", tenant.authorizeUrl() + "?" + query, Map.of("Accept", "text/html"), null);
	}

	@ParameterizedTest(name = "{0} with redirect_uri {1}")
	@CsvSource({
		"backend-service, https://evil.example/steal",
		"backend-service, https://app.example/callback",
		"no-such-client, https://evil.example/steal",
		"symmetric-app, https://evil.example/steal",
		"symmetric-app, https://app.example/callback/../../evil",
		"symmetric-app, https://app.example/callback?x=1",
		"public-app, https://app.example.evil.example/callback"
	})
	void neverRedirectsToAnUnregisteredUri(String clientId, String redirectUri) {
		for (String extra : new String[] {"", "&scope=launch%2Fpatient+patient%2F*.rs&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256",
				"&scope=system%2FPatient.rs", "&response_mode=form_post"}) {
			HttpResponse<String> response = authorize(clientId, redirectUri, extra);
			String location = response.headers().firstValue("Location").orElse("");
			assertThat(location).as("%s %s%s -> %d %s", clientId, redirectUri, extra, response.statusCode(), location)
					.doesNotStartWith(redirectUri).doesNotContain("evil.example");
			if (response.statusCode() / 100 == 3) {
				assertThat(location).as("only to this tenant's own pages").contains("/auth/" + tenant.id + "/");
			}
		}
	}
}
