package io.smartvitals.server.people;

import static io.smartvitals.server.people.PageClient.location;
import static org.assertj.core.api.Assertions.assertThat;

import io.smartvitals.smart.auth.mfa.Base32;
import io.smartvitals.smart.auth.mfa.Totp;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Login and MFA pages over HTTP: headers, CSRF, 303s, sessions, tenants, throttling, lockout, TOTP. */
class LoginPagesIT extends PeopleFixture {

	@Test
	void theLoginPageSendsFrameBustingHeadersACsrfFieldAndNoCorsHeaders() throws Exception {
		People p = people("login-hdr");
		HttpResponse<String> page = browser().get("/auth/" + p.tenant() + "/login");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
		assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
				v -> assertThat(v).contains("frame-ancestors 'none'").contains("default-src 'none'"));
		assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
		assertThat(page.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
		assertThat(page.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		assertThat(PageClient.csrf(page.body())).isNotBlank();
	}

	@Test
	void aLoginPostWithoutTheCsrfTokenIsRefused() throws Exception {
		People p = people("login-csrf");
		PageClient browser = browser();
		browser.get("/auth/" + p.tenant() + "/login");
		HttpResponse<String> post = browser.post("/auth/" + p.tenant() + "/login", "username", "dr.okafor", "password", PASSWORD);
		assertThat(post.statusCode()).isEqualTo(403);
		assertThat(browser.get("/auth/" + p.tenant() + "/launcher").statusCode()).isEqualTo(303);
	}

	@Test
	void theRightPasswordAnswers303ToTheLauncherWithANewSessionId() throws Exception {
		People p = people("login-ok");
		PageClient browser = browser();
		browser.get("/auth/" + p.tenant() + "/login");
		String before = browser.sessionId();
		HttpResponse<String> login = browser.login(p.tenant(), "dr.okafor", PASSWORD);
		assertThat(login.statusCode()).isEqualTo(303);
		assertThat(location(login)).isEqualTo("/auth/" + p.tenant() + "/launcher");
		assertThat(browser.sessionId()).isNotNull().isNotEqualTo(before);
		HttpResponse<String> launcher = browser.get("/auth/" + p.tenant() + "/launcher");
		assertThat(launcher.statusCode()).isEqualTo(200);
		assertThat(launcher.body()).contains("dr.okafor").as("raw resource ids are hidden from people").doesNotContain(p.practitionerId());
	}

	@Test
	void aWrongPasswordAnswers303BackToTheLoginWithAMessageThatDoesNotSayWhichPartWasWrong() throws Exception {
		People p = people("login-bad");
		PageClient browser = browser();
		HttpResponse<String> wrong = browser.login(p.tenant(), "dr.okafor", "not the password");
		assertThat(wrong.statusCode()).isEqualTo(303);
		assertThat(location(wrong)).isEqualTo("/auth/" + p.tenant() + "/login");
		String wrongPage = browser.get("/auth/" + p.tenant() + "/login").body();
		HttpResponse<String> unknown = browser.login(p.tenant(), "nobody", PASSWORD);
		assertThat(location(unknown)).isEqualTo("/auth/" + p.tenant() + "/login");
		String unknownPage = browser.get("/auth/" + p.tenant() + "/login").body();
		assertThat(wrongPage).contains("Wrong username or password.");
		assertThat(unknownPage).contains("Wrong username or password.");
		assertThat(browser.get("/auth/" + p.tenant() + "/launcher").statusCode()).isEqualTo(303);
	}

	@Test
	void signInsAndRefusalsAreOnTheTenantsAuditTrail() throws Exception {
		People p = people("login-audit");
		String before = admin("GET", "/admin/tenants/" + p.tenant() + "/audit/export", null).body();
		assertThat(before).doesNotContain("\"login-failure\"").doesNotContain("\"login-success\"");
		PageClient browser = browser();
		browser.login(p.tenant(), "dr.okafor", "not the password");
		browser.login(p.tenant(), "dr.okafor", PASSWORD);
		String after = admin("GET", "/admin/tenants/" + p.tenant() + "/audit/export", null).body();
		assertThat(after).contains("\"login-failure\"", "\"login-success\"", "dr.okafor");
	}

	@Test
	void aUserOfTenantACannotLogInAtTenantBNorUseTenantBsPages() throws Exception {
		People a = people("login-ta");
		People b = people("login-tb");
		PageClient browser = browser();
		assertThat(location(browser.login(a.tenant(), "dr.okafor", PASSWORD))).endsWith("/launcher");
		HttpResponse<String> atB = browser.get("/auth/" + b.tenant() + "/launcher");
		assertThat(atB.statusCode()).isEqualTo(303);
		assertThat(location(atB)).isEqualTo("/auth/" + b.tenant() + "/login");

		createUser(a.tenant(), "only.in.a", "Practitioner/" + a.practitionerId(), "practitioner");
		PageClient other = browser();
		assertThat(location(other.login(b.tenant(), "only.in.a", PASSWORD))).isEqualTo("/auth/" + b.tenant() + "/login");
		assertThat(other.get("/auth/" + b.tenant() + "/launcher").statusCode()).isEqualTo(303);
	}

	@Test
	void aReturnToParameterIsIgnoredAndTheSavedRequestOfTheTenantIsResumed() throws Exception {
		People p = people("login-ret");
		PageClient browser = browser();
		HttpResponse<String> login = browser.login(p.tenant(), "dr.okafor", PASSWORD);
		assertThat(location(login)).isEqualTo("/auth/" + p.tenant() + "/launcher");

		PageClient second = browser();
		String consent = "/auth/" + p.tenant() + "/consent?client_id=app&scope=openid&state=s1";
		HttpResponse<String> asked = second.get(consent);
		assertThat(asked.statusCode()).isEqualTo(303);
		assertThat(location(asked)).isEqualTo("/auth/" + p.tenant() + "/login");
		HttpResponse<String> afterLogin = second.submit("/auth/" + p.tenant() + "/login?returnTo=https://evil.example/",
				"/auth/" + p.tenant() + "/login?continue=https://evil.example/", "username", "dr.okafor", "password", PASSWORD,
				"returnTo", "https://evil.example/");
		assertThat(afterLogin.statusCode()).isEqualTo(303);
		assertThat(location(afterLogin)).startsWith(consent).doesNotContain("evil");
	}

	@Test
	void repeatedFailuresFirstHoldTheRightPasswordBackThenLockTheAccountUntilAnOperatorUnlocksIt() throws Exception {
		People p = people("login-lock");
		PageClient browser = browser();
		for (int i = 0; i < 3; i++) {
			browser.login(p.tenant(), "ben", "wrong password " + i);
		}
		assertThat(location(browser.login(p.tenant(), "ben", PASSWORD))).endsWith("/login");
		assertThat(browser.get("/auth/" + p.tenant() + "/login").body()).as("held back, in the words an unknown user gets")
				.contains("Wrong username or password.");
		// Attempts inside the wait do not count: only failures after each wait (100 ms doubling to 200 ms here) lock.
		for (int i = 0; i < 7; i++) {
			Thread.sleep(250);
			browser.login(p.tenant(), "ben", "wrong password " + i);
		}
		assertThat(location(browser.login(p.tenant(), "ben", PASSWORD))).endsWith("/login");
		assertThat(browser.get("/auth/" + p.tenant() + "/login").body()).contains("Wrong username or password.");
		assertThat(admin("GET", "/admin/tenants/" + p.tenant() + "/users/ben", null).body()).contains("\"lockedUntil\":\"");

		assertThat(admin("GET", "/admin/tenants/" + p.tenant() + "/audit/export", null).body()).contains("\"lockout\"");

		assertThat(admin("POST", "/admin/tenants/" + p.tenant() + "/users/ben/unlock", null).statusCode()).isEqualTo(200);
		assertThat(location(browser.login(p.tenant(), "ben", PASSWORD))).endsWith("/launcher");
	}

	@Test
	void whenTheTenantRequiresMfaThePasswordAloneIsNotALoginAndEnrolmentThenCodesComplete() throws Exception {
		People p = people("login-mfa");
		assertThat(admin("PUT", "/admin/tenants/" + p.tenant() + "/auth-policy", "{\"mfaRequired\":true}").statusCode()).isEqualTo(200);
		PageClient browser = browser();
		HttpResponse<String> password = browser.login(p.tenant(), "dr.okafor", PASSWORD);
		assertThat(password.statusCode()).isEqualTo(303);
		assertThat(location(password)).isEqualTo("/auth/" + p.tenant() + "/mfa/enrol");
		assertThat(browser.get("/auth/" + p.tenant() + "/launcher").statusCode()).as("MFA pending is not logged in").isEqualTo(303);
		assertThat(browser.get("/auth/" + p.tenant() + "/consent?client_id=a&scope=openid&state=s").statusCode()).isEqualTo(303);

		HttpResponse<String> enrolPage = browser.get("/auth/" + p.tenant() + "/mfa/enrol");
		assertThat(enrolPage.statusCode()).isEqualTo(200);
		Matcher uri = Pattern.compile("href=\"(otpauth://totp/[^\"]+)\"").matcher(enrolPage.body());
		assertThat(uri.find()).isTrue();
		Matcher secretParam = Pattern.compile("secret=([A-Z2-7]+)").matcher(uri.group(1));
		assertThat(secretParam.find()).isTrue();
		byte[] secret = Base32.decode(secretParam.group(1));
		assertThat(enrolPage.body()).contains("id=\"totp-secret\"");
		assertThat(admin("GET", "/admin/tenants/" + p.tenant() + "/users/dr.okafor", null).body())
				.doesNotContain(secretParam.group(1)).doesNotContain("bcrypt").contains("\"mfaEnrolled\":false");

		HttpResponse<String> wrongCode = browser.submit("/auth/" + p.tenant() + "/mfa/enrol", "/auth/" + p.tenant() + "/mfa/enrol",
				"code", "000000".equals(Totp.code(secret, Instant.now())) ? "111111" : "000000");
		assertThat(location(wrongCode)).isEqualTo("/auth/" + p.tenant() + "/mfa/enrol");
		long step = Totp.stepAt(Instant.now());
		HttpResponse<String> enrolled = browser.submit("/auth/" + p.tenant() + "/mfa/enrol", "/auth/" + p.tenant() + "/mfa/enrol",
				"code", Totp.code(secret, step, 6));
		assertThat(enrolled.statusCode()).isEqualTo(303);
		assertThat(location(enrolled)).as("back to the page that asked for the login")
				.startsWith("/auth/" + p.tenant() + "/consent?client_id=a&scope=openid&state=s");
		assertThat(browser.get("/auth/" + p.tenant() + "/launcher").statusCode()).isEqualTo(200);
		assertThat(admin("GET", "/admin/tenants/" + p.tenant() + "/users/dr.okafor", null).body()).contains("\"mfaEnrolled\":true");
		assertThat(admin("GET", "/admin/tenants/" + p.tenant() + "/audit/export", null).body())
				.as("the wrong first code and the enrolment are on the audit trail").contains("\"mfa-failure\"", "\"mfa-enrolled\"");

		PageClient next = browser();
		assertThat(location(next.login(p.tenant(), "dr.okafor", PASSWORD))).isEqualTo("/auth/" + p.tenant() + "/mfa");
		HttpResponse<String> reused = next.submit("/auth/" + p.tenant() + "/mfa", "/auth/" + p.tenant() + "/mfa", "code",
				Totp.code(secret, step, 6));
		assertThat(location(reused)).as("a code works once").isEqualTo("/auth/" + p.tenant() + "/mfa");
		assertThat(next.get("/auth/" + p.tenant() + "/mfa").body()).contains("That code is not valid");
		HttpResponse<String> fresh = next.submit("/auth/" + p.tenant() + "/mfa", "/auth/" + p.tenant() + "/mfa", "code",
				Totp.code(secret, step + 1, 6));
		assertThat(location(fresh)).isEqualTo("/auth/" + p.tenant() + "/launcher");

		assertThat(admin("POST", "/admin/tenants/" + p.tenant() + "/users/dr.okafor/reset-mfa", null).body())
				.contains("\"mfaEnrolled\":false");
		assertThat(location(browser().login(p.tenant(), "dr.okafor", PASSWORD))).isEqualTo("/auth/" + p.tenant() + "/mfa/enrol");
	}

	@Test
	void theMfaPagesWithoutAPendingLoginSendTheBrowserToTheLogin() throws Exception {
		People p = people("login-nomfa");
		PageClient browser = browser();
		assertThat(location(browser.get("/auth/" + p.tenant() + "/mfa"))).isEqualTo("/auth/" + p.tenant() + "/login");
		assertThat(location(browser.get("/auth/" + p.tenant() + "/mfa/enrol"))).isEqualTo("/auth/" + p.tenant() + "/login");
		assertThat(browser.get("/auth/no-such-tenant/login").statusCode()).isEqualTo(404);
	}
}
