package io.smartvitals.smart.auth.pages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

class PagesTest {

	@Test
	void markupInValuesIsEscaped() {
		assertThat(Html.escape("<script>alert('x')</script>&\"")).isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;");
		assertThat(Html.escape("a\u0000b\u001bc")).isEqualTo("a\uFFFDb\uFFFDc");
		assertThat(Html.escape(null)).isEmpty();
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
