package io.smartvitals.smart.auth.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import io.smartvitals.smart.auth.directory.PatientSummary;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.DefaultCsrfToken;

class PagesTest {

	@Test
	void markupAndControlCharactersInValuesNeverReachThePage() {
		String page = HtmlPage.message("t", "<script>alert('x')</script>&\"", "a\u0000b\u001bc").tenant("t", "<b>Clinic</b>").render();
		assertThat(page).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;").doesNotContain("<script>")
				.contains("&lt;b&gt;Clinic&lt;/b&gt;").contains("a\uFFFDb\uFFFDc").doesNotContain("\u0000");
	}

	@Test
	void theOneInlineStylesheetIsTheOneTheCspAllows() throws Exception {
		String page = HtmlPage.message("t", "h", "m").render();
		assertThat(page).contains("<style>" + PageHeaders.STYLE + "</style>").contains("width=device-width");
		String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(PageHeaders.STYLE.getBytes(StandardCharsets.UTF_8)));
		assertThat(PageHeaders.CONTENT_SECURITY_POLICY).contains("style-src 'sha256-" + hash + "'").doesNotContain("script-src");
	}

	@Test
	void aFormIsNeverRenderedWithoutItsCsrfField() {
		assertThatThrownBy(() -> HtmlPage.of("login", "Sign in").csrf(new MockHttpServletRequest())).isInstanceOf(IllegalStateException.class);
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setAttribute(CsrfToken.class.getName(), new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "tok\"en"));
		String page = HtmlPage.of("login", "Sign in").tenant("general-hospital", "General Hospital").with("username", "\"><img src=x>")
				.csrf(request).render();
		assertThat(page).contains("<input type=\"hidden\" name=\"_csrf\" value=\"tok&quot;en\">")
				.contains("action=\"/auth/general-hospital/login\"").contains("value=\"&quot;&gt;&lt;img src=x&gt;\"")
				.contains("<header class=\"tenant\"><span>General Hospital</span>");
	}

	@Test
	void sharedFragmentsRenderInEachPageThatUsesThem() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setAttribute(CsrfToken.class.getName(), new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "t"));
		String code = "<label>Code <input name=\"code\" inputmode=\"numeric\"";
		assertThat(HtmlPage.of("mfa-code", "Code").tenant("t", "T").csrf(request).render()).contains(code);
		assertThat(HtmlPage.of("mfa-enrol", "Enrol").tenant("t", "T").with("secret", "AB").with("otpauthUri", "otpauth://x")
				.csrf(request).render()).contains(code);
		String launcher = HtmlPage.of("launcher", "Launcher").tenant("t", "T").with("userName", "dr").with("query", "")
				.with("apps", List.of()).with("patients", List.of(new PatientSummary("p-1", "Amara Okafor", "1980-02-01"),
						new PatientSummary("p-2", "Ben Jones", null)))
				.csrf(request).render();
		assertThat(launcher).contains("<input type=\"radio\" name=\"patient\" required value=\"p-1\"> <span>Amara Okafor</span><span> · born 1980-02-01</span>")
				.contains("value=\"p-2\"> <span>Ben Jones</span></label>");
	}

	@Test
	void theErrorPageShowsNoMarkupFromTheRequestAndSendsThePageHeaders() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		AuthorizationErrorPage.render(response, "<b>invalid</b>", "bad redirect_uri <img src=x onerror=alert(1)>" + "y".repeat(1000));
		assertThat(response.getStatus()).isEqualTo(400);
		String body = response.getContentAsString();
		assertThat(body).doesNotContain("<img").doesNotContain("<b>invalid").contains("&lt;img src=x")
				.contains("<code>invalid_request</code>").doesNotContain("y".repeat(400));
		assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
		assertThat(response.getHeader("Content-Security-Policy")).contains("frame-ancestors 'none'").contains("default-src 'none'");
		assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
		assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
		assertThat(response.getHeader("Access-Control-Allow-Origin")).isNull();
	}
}
