package io.smartvitals.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartvitals.audit.AuditTrail;
import io.smartvitals.audit.AuditUnavailableException;
import io.smartvitals.audit.http.RefusalEvidence;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.firewall.RequestRejectedException;

/** When the audit trail cannot take the record, the guards still refuse, and say 503 rather than their usual answer. */
class RefusalWithoutEvidenceTest {

	private final RefusalEvidence failing = failingEvidence();
	private final MockHttpServletResponse response = new MockHttpServletResponse();
	private final MockFilterChain chain = new MockFilterChain();

	private static RefusalEvidence failingEvidence() {
		AuditTrail down = record -> {
			throw new AuditUnavailableException("down");
		};
		return new RefusalEvidence(down, tenant -> true, Clock.systemUTC());
	}

	@Test
	void pathTrickIsStillRefusedWith503() throws Exception {
		new FhirPathFilter(failing).doFilter(new MockHttpServletRequest("GET", "/fhir/a/../b/Patient"), response, chain);

		assertThat(chain.getRequest()).isNull();
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getContentAsString()).contains("OperationOutcome").contains("could not be recorded");
	}

	@Test
	void oversizedBodyIsStillRefusedWith503() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/fhir/a/Patient");
		request.setContent(new byte[101]);

		new RequestBodyLimitFilter(100, failing).doFilter(request, response, chain);

		assertThat(chain.getRequest()).isNull();
		assertThat(response.getStatus()).isEqualTo(503);
	}

	@Test
	void firewallRefusalIsAnsweredWith503() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/auth/a;x=b/jwks");
		request.setServletPath("/auth/a/jwks");

		new FirewallRejection(failing).handle(request, response, new RequestRejectedException("path parameter"));

		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getContentAsString()).contains("temporarily_unavailable");
	}
}
