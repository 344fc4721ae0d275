package io.smartvitals.smart.auth.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** {@link ApprovalSubmission} and {@link PostedAuthorizationRequest}: which posts to /authorize are which. */
class AuthorizePostsTest {

	private static MockHttpServletRequest post(String uri, String... pairs) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", uri);
		for (int i = 0; i < pairs.length; i += 2) {
			request.addParameter(pairs[i], pairs[i + 1]);
		}
		return request;
	}

	@Test
	void anApprovalPostHasNoResponseTypeAndNeedsTheCsrfToken() {
		ApprovalSubmission approval = new ApprovalSubmission();
		assertThat(approval.matches(post("/auth/t1/authorize", "client_id", "app", "state", "s", "scope", "openid"))).isTrue();
		assertThat(approval.matches(post("/auth/t1/authorize", "response_type", "code", "client_id", "app"))).isFalse();
		assertThat(approval.matches(new MockHttpServletRequest("GET", "/auth/t1/authorize"))).isFalse();
		assertThat(approval.matches(post("/auth/t1/token", "client_id", "app"))).isFalse();
		assertThat(approval.matches(post("/auth/t1/x/authorize", "client_id", "app"))).isFalse();
	}

	@Test
	void aPostedAuthorizationRequestIsResentAsTheSameGet() {
		MockHttpServletRequest posted = post("/auth/t1/authorize", "response_type", "code", "client_id", "app",
				"redirect_uri", "https://app.example/cb?x=1", "scope", "openid launch/patient");
		assertThat(PostedAuthorizationRequest.asGet(posted)).hasValue("/auth/t1/authorize?response_type=code&client_id=app"
				+ "&redirect_uri=https%3A%2F%2Fapp.example%2Fcb%3Fx%3D1&scope=openid+launch%2Fpatient");
		assertThat(PostedAuthorizationRequest.asGet(post("/auth/t1/authorize", "client_id", "app"))).as("an approval post").isEmpty();
		assertThat(PostedAuthorizationRequest.asGet(new MockHttpServletRequest("GET", "/auth/t1/authorize"))).isEmpty();
	}
}
