package io.smartvitals.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class OperatorTokenFilterTest {

	@Test
	void withoutConfiguredTokenTheAdminApiIsClosedEvenToGuesses() throws Exception {
		OperatorTokenFilter filter = new OperatorTokenFilter(Optional.empty());
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/admin/tenants");
		request.addHeader("Authorization", "Bearer ");
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		filter.doFilter(request, response, chain);
		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(chain.getRequest()).isNull();
	}

	@Test
	void theConfiguredTokenPassesCaseInsensitiveScheme() throws Exception {
		OperatorTokenFilter filter = new OperatorTokenFilter(OperatorToken.configured("s3cret"));
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/admin/tenants");
		request.addHeader("Authorization", "bearer s3cret");
		MockFilterChain chain = new MockFilterChain();
		filter.doFilter(request, new MockHttpServletResponse(), chain);
		assertThat(chain.getRequest()).isSameAs(request);
	}

	@Test
	void generatedTokensAreLongAndDistinct() {
		assertThat(OperatorToken.generate().value()).hasSizeGreaterThanOrEqualTo(43)
				.isNotEqualTo(OperatorToken.generate().value());
		assertThat(OperatorToken.configured("  ")).isEmpty();
	}
}
