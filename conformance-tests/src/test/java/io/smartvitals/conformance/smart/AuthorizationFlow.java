package io.smartvitals.conformance.smart;

import io.smartvitals.conformance.support.Browser;
import static io.smartvitals.conformance.support.Browser.isRedirect;
import static io.smartvitals.conformance.support.Browser.location;

import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import io.smartvitals.conformance.smart.SmartTenant.Client;
import io.smartvitals.smart.auth.mfa.Base32;
import io.smartvitals.smart.auth.mfa.Totp;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One authorization-code request driven through the server's pages as a user's browser would:
 * authorize, login, MFA (TOTP) when the tenant requires it, approval page (optionally unchecking scopes, picking a patient), and back to
 * the app's redirect URI. PKCE (S256), {@code state}, {@code nonce} and {@code aud} are set like
 * a SMART app sets them; each can be changed or removed to test a refusal.
 */
final class AuthorizationFlow {

	private static final Pattern SCOPE_INPUT =
			Pattern.compile("<input type=\"(checkbox|radio)\" name=\"scope\" id=\"[^\"]+\" value=\"([^\"]*)\"( checked)?");
	private static final Pattern PATIENT_INPUT = Pattern.compile("<input type=\"radio\" name=\"patient\" required value=\"([^\"]*)\"");
	private static final Pattern OTP_SECRET = Pattern.compile("href=\"otpauth://totp/[^\"]*[?&]secret=([A-Z2-7]+)");
	private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

	final SmartTenant tenant;
	final Client client;
	final CodeVerifier verifier = new CodeVerifier();
	final Map<String, String> parameters = new LinkedHashMap<>();
	private String username = SmartTenant.PRACTITIONER_USER;
	private Set<String> unchecked = Set.of();
	private String pickedPatient;
	private boolean formPost;
	private boolean withoutApprovalCsrf;
	private String decision = "approve";
	private Browser browser;
	private Integer approvalNode;
	/** The approval page as last shown, for tests of what it offers. */
	String approvalPage;

	AuthorizationFlow(SmartTenant tenant, Client client, String scope) {
		this.tenant = tenant;
		this.client = client;
		this.pickedPatient = tenant.patient;
		parameters.put("response_type", "code");
		parameters.put("client_id", client.id());
		parameters.put("redirect_uri", SmartTenant.REDIRECT_URI);
		parameters.put("scope", scope);
		parameters.put("state", UUID.randomUUID().toString());
		parameters.put("aud", tenant.base());
		parameters.put("code_challenge", CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue());
		parameters.put("code_challenge_method", "S256");
		parameters.put("nonce", UUID.randomUUID().toString());
	}

	/** Sets a request parameter; {@code null} removes it. */
	AuthorizationFlow with(String name, String value) {
		if (value == null) {
			parameters.remove(name);
		} else {
			parameters.put(name, value);
		}
		return this;
	}

	AuthorizationFlow as(String user) {
		this.username = user;
		return this;
	}

	/** Scopes the user unchecks on the approval page. */
	AuthorizationFlow unchecking(String... scopes) {
		this.unchecked = Set.of(scopes);
		return this;
	}

	AuthorizationFlow pickingPatient(String patient) {
		this.pickedPatient = patient;
		return this;
	}

	/** Sends the authorization request as a form POST instead of a GET. */
	AuthorizationFlow asFormPost() {
		this.formPost = true;
		return this;
	}

	/** Posts the approval without its CSRF field, as a forged cross-site form would. */
	AuthorizationFlow approvingWithoutCsrf() {
		this.withoutApprovalCsrf = true;
		return this;
	}

	/** Presses Deny, sending the form as it stands (scopes checked, a patient picked). */
	AuthorizationFlow denying() {
		this.decision = "deny";
		return this;
	}

	/** The approval page is fetched and submitted at another node (its port): the login session must be there too. */
	AuthorizationFlow approvingAt(int nodePort) {
		this.approvalNode = nodePort;
		return this;
	}

	/** Continues in a browser that already has a session (a user signed in before). */
	AuthorizationFlow in(Browser existing) {
		this.browser = existing;
		return this;
	}

	String state() {
		return parameters.get("state");
	}

	String scope() {
		return parameters.get("scope");
	}

	String authorizationRequestUrl() {
		return tenant.authorizeUrl() + "?" + Browser.query(parameters);
	}

	/** Runs the flow to its end: a redirect to the app's redirect URI, or a page shown instead. */
	Outcome run() {
		Browser b = browser != null ? browser : new Browser(tenant.server.root());
		HttpResponse<String> response = formPost ? b.post(tenant.authorizeUrl(), pairs(parameters)) : b.get(authorizationRequestUrl());
		boolean approved = false;
		for (int hop = 0; hop < 12; hop++) {
			if (!isRedirect(response)) {
				return new Outcome(response, null);
			}
			String target = absolute(location(response));
			if (!target.startsWith(tenant.server.root() + "/")) {
				// Anywhere but this server: the app's side (the registered redirect URI or, in a refusal test, not).
				return new Outcome(response, URI.create(target));
			}
			String path = URI.create(target).getPath();
			if (path.endsWith("/login")) {
				String csrf = Browser.csrf(b.get(target).body());
				response = b.post(target, "_csrf", csrf, "username", username, "password", SmartTenant.PASSWORD);
			} else if (path.endsWith("/mfa/enrol") || path.endsWith("/mfa")) {
				response = secondFactor(b, target, b.get(target).body());
			} else if (path.endsWith("/consent") && !approved) {
				approved = true;
				Browser approver = approvalNode == null ? b : b.at(approvalNode);
				response = approve(approver, approver.get(target));
			} else {
				response = b.get(target);
			}
		}
		throw new AssertionError("Too many redirects, last: " + response.statusCode() + " " + response.headers().map());
	}

	/** Enrols a TOTP authenticator (remembering its secret for the tenant's next logins) or answers the TOTP prompt. */
	private HttpResponse<String> secondFactor(Browser b, String target, String page) {
		Matcher secret = OTP_SECRET.matcher(page);
		if (secret.find()) {
			tenant.totpSecrets.put(username, Base32.decode(secret.group(1)));
		}
		byte[] key = tenant.totpSecrets.get(username);
		if (key == null) {
			throw new AssertionError("MFA asked for " + username + " but no authenticator was enrolled in this suite");
		}
		// A code works once: each login takes the next time step not used yet.
		long step = tenant.lastTotpStep.merge(username, Totp.stepAt(Instant.now()), (last, now) -> Math.max(last + 1, now));
		return b.post(target, "_csrf", Browser.csrf(page), "code", Totp.code(key, step, 6));
	}

	private HttpResponse<String> approve(Browser b, HttpResponse<String> page) {
		if (page.statusCode() != 200) {
			return page;
		}
		String html = page.body();
		approvalPage = html;
		int start = html.indexOf("id=\"consent-form\"");
		String form = html.substring(start, html.indexOf("</form>", start));
		List<String> fields = new ArrayList<>();
		Matcher hidden = HIDDEN.matcher(form);
		while (hidden.find()) {
			if (!(withoutApprovalCsrf && hidden.group(1).equals("_csrf"))) {
				fields.add(hidden.group(1));
				fields.add(Browser.unescape(hidden.group(2)));
			}
		}
		Matcher scope = SCOPE_INPUT.matcher(form);
		while (scope.find()) {
			String value = Browser.unescape(scope.group(2));
			if (scope.group(3) != null && !unchecked.contains(value)) {
				fields.add("scope");
				fields.add(value);
			}
		}
		if (PATIENT_INPUT.matcher(form).find()) {
			fields.add("patient");
			fields.add(pickedPatient);
		}
		fields.add("decision");
		fields.add(decision);
		return b.post("/auth/" + tenant.id + "/authorize", fields);
	}

	private String absolute(String location) {
		return location.startsWith("/") ? tenant.server.root() + location : location;
	}

	private static List<String> pairs(Map<String, String> parameters) {
		List<String> pairs = new ArrayList<>();
		parameters.forEach((name, value) -> {
			pairs.add(name);
			pairs.add(value);
		});
		return pairs;
	}

	/** How a flow ended: {@code redirect} is the app's redirect URI with its query, or null when a page was shown. */
	record Outcome(HttpResponse<String> last, URI redirect) {

		Map<String, String> query() {
			Map<String, String> query = new LinkedHashMap<>();
			if (redirect != null && redirect.getRawQuery() != null) {
				for (String pair : redirect.getRawQuery().split("&")) {
					String[] kv = pair.split("=", 2);
					query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length < 2 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
				}
			}
			return query;
		}

		String code() {
			return query().get("code");
		}

		boolean issuedCode() {
			return code() != null;
		}

		@Override
		public String toString() {
			return redirect != null ? "redirect " + redirect : "page " + last.statusCode() + ": " + last.body();
		}
	}
}
