package io.smartvitals.smart.auth.login;

import io.smartvitals.smart.auth.pages.HtmlPage;
import io.smartvitals.smart.auth.users.TenantUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.time.Clock;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

/**
 * The login state in the HTTP session: the pending second factor, the completed
 * {@link TenantUserAuthentication} (through Spring Security's context repository, so any chain
 * that reads the session sees it), and one-shot messages for the page after a 303.
 * Each step up changes the session id (session fixation).
 */
public class LoginSessions {

	private static final String PENDING = LoginSessions.class.getName() + ".PENDING";
	private static final String FLASH = LoginSessions.class.getName() + ".FLASH";

	private final SecurityContextHolderStrategy strategy = SecurityContextHolder.getContextHolderStrategy();
	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
	private final RequestCache requestCache = new HttpSessionRequestCache();
	private final Clock clock;

	public LoginSessions(Clock clock) {
		this.clock = clock;
	}

	/** A message and the username to prefill, shown once by the next page. */
	public record Flash(String message, String username) implements Serializable {}

	public void pend(HttpServletRequest request, TenantUser user, boolean enrolment) {
		HttpSession session = renewSession(request);
		session.setAttribute(PENDING, new PendingLogin(user.tenant(), user.username(), enrolment, clock.instant()));
	}

	public Optional<PendingLogin> pending(HttpServletRequest request, String tenant) {
		HttpSession session = request.getSession(false);
		if (session == null || !(session.getAttribute(PENDING) instanceof PendingLogin pending)) {
			return Optional.empty();
		}
		return pending.validAt(tenant, clock.instant()) ? Optional.of(pending) : Optional.empty();
	}

	/** Completes login and answers where to go next (see {@link PostLoginRedirect}). */
	public String signIn(HttpServletRequest request, HttpServletResponse response, TenantUser user) {
		HttpSession session = renewSession(request);
		session.removeAttribute(PENDING);
		SecurityContext context = strategy.createEmptyContext();
		context.setAuthentication(TenantUserAuthentication.of(user));
		strategy.setContext(context);
		contexts.saveContext(context, request, response);
		SavedRequest saved = requestCache.getRequest(request, response);
		String target = PostLoginRedirect.target(user.tenant(), saved == null ? null : saved.getRedirectUrl());
		// The target URL carries the whole saved GET (path and query), so the cache entry is spent.
		requestCache.removeRequest(request, response);
		return target;
	}

	/** The logged-in user of {@code tenant}, if the session holds one. A user of another tenant is not one. */
	public Optional<TenantUserAuthentication> current(HttpServletRequest request, String tenant) {
		Authentication authentication = strategy.getContext().getAuthentication();
		if (!(authentication instanceof TenantUserAuthentication)) {
			authentication = contexts.loadDeferredContext(request).get().getAuthentication();
		}
		if (authentication instanceof TenantUserAuthentication user && user.isAuthenticated() && user.belongsTo(tenant)) {
			return Optional.of(user);
		}
		return Optional.empty();
	}

	/** Remembers this request and sends the browser to the tenant's login page. */
	public void requireLogin(HttpServletRequest request, HttpServletResponse response, String tenant) {
		requestCache.saveRequest(request, response);
		HtmlPage.seeOther(response, "/auth/" + tenant + "/login");
	}

	public void flash(HttpServletRequest request, String message, String username) {
		request.getSession(true).setAttribute(FLASH, new Flash(message, username));
	}

	public Optional<Flash> takeFlash(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session == null || !(session.getAttribute(FLASH) instanceof Flash flash)) {
			return Optional.empty();
		}
		session.removeAttribute(FLASH);
		return Optional.of(flash);
	}

	private static HttpSession renewSession(HttpServletRequest request) {
		if (request.getSession(false) != null) {
			request.changeSessionId();
		}
		return request.getSession(true);
	}
}
