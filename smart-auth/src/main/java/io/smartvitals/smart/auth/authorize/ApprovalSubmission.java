package io.smartvitals.smart.auth.authorize;

import io.smartvitals.smart.auth.pages.CsrfRefusal;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The approval page's form post: {@code POST /auth/{tenant}/authorize} without
 * {@code response_type} (an authorization request always has one; Spring Authorization Server
 * tells the two apart the same way). Spring Authorization Server exempts its endpoints from CSRF,
 * but this post is made with the user's session cookie, so it must carry the page's CSRF token:
 * {@link #csrfFilter} checks exactly these posts against the token the pages render, and refuses
 * like the pages do.
 */
public final class ApprovalSubmission implements RequestMatcher {

	@Override
	public boolean matches(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return "POST".equals(request.getMethod()) && path.matches("/auth/[^/]+/authorize")
				&& request.getParameter("response_type") == null;
	}

	/** A CSRF check for approval posts only, with the pages' session token repository. */
	public static CsrfFilter csrfFilter(CsrfRefusal refusal) {
		CsrfFilter filter = new CsrfFilter(new HttpSessionCsrfTokenRepository());
		filter.setRequireCsrfProtectionMatcher(new ApprovalSubmission());
		filter.setAccessDeniedHandler(refusal);
		// A name of its own: the chain's CsrfFilter (which exempts /authorize) must not mark this one as done.
		filter.setBeanName("approvalSubmissionCsrfFilter");
		return filter;
	}
}
