package io.smartvitals.smart.auth.pages;

import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Spring Security for the people-facing paths. {@link #configure} adds what the pages need to any
 * chain (CSRF on, except for the bearer-authenticated JSON launch API, its refusals recorded by
 * {@link CsrfRefusal}; frame-busting, referrer and CSP headers; the login context in the HTTP
 * session; the saved-request cache; session fixation protection; the tenant login entry point).
 * {@link #chain} builds a chain for these paths alone. The controllers themselves decide who is
 * logged in (see {@code LoginSessions}), so the pages stay safe whichever chain serves them.
 */
public final class PeoplePagesSecurity {

	private PeoplePagesSecurity() {}

	/** Login, MFA, approval and launcher pages. */
	public static RequestMatcher pages() {
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		return new OrRequestMatcher(paths.matcher("/auth/*/login"), paths.matcher("/auth/*/mfa"),
				paths.matcher("/auth/*/mfa/enrol"), paths.matcher("/auth/*/consent"), paths.matcher("/auth/*/launcher"));
	}

	/** The EHR-facing JSON API: bearer token, no cookies, so no CSRF. */
	public static RequestMatcher launchApi() {
		return PathPatternRequestMatcher.withDefaults().matcher("/auth/*/launch");
	}

	public static RequestMatcher pagesAndLaunchApi() {
		return new OrRequestMatcher(pages(), launchApi());
	}

	/** Adds the pages' needs to {@code http}; sets neither a security matcher nor authorization rules. */
	public static HttpSecurity configure(HttpSecurity http, CsrfRefusal csrfRefusal) throws Exception {
		return http
				.csrf(csrf -> csrf.ignoringRequestMatchers(launchApi()).withObjectPostProcessor(answeredBy(csrfRefusal)))
				.headers(headers -> headers
						.frameOptions(frame -> frame.deny())
						.contentSecurityPolicy(csp -> csp.policyDirectives(PageHeaders.CONTENT_SECURITY_POLICY))
						.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
				.securityContext(context -> context.securityContextRepository(new HttpSessionSecurityContextRepository()))
				.requestCache(cache -> cache.requestCache(new HttpSessionRequestCache()))
				.sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
				.exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(new TenantLoginEntryPoint(), pages()));
	}

	/** A complete chain for the pages and the launch API only (no form login, basic auth or logout of Spring's own). */
	public static SecurityFilterChain chain(HttpSecurity http, CsrfRefusal csrfRefusal) throws Exception {
		return configure(http, csrfRefusal)
				.securityMatcher(pagesAndLaunchApi())
				.authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
				.formLogin(AbstractHttpConfigurer::disable)
				.httpBasic(AbstractHttpConfigurer::disable)
				.logout(AbstractHttpConfigurer::disable)
				.build();
	}

	/**
	 * Set on the CSRF filter itself rather than as the chain's access-denied handler, so that a chain
	 * with a handler of its own (or none) still records and answers CSRF refusals on the pages the same way.
	 * An anonymous class, not a lambda: Spring applies a post-processor by its declared type argument.
	 */
	private static ObjectPostProcessor<CsrfFilter> answeredBy(CsrfRefusal csrfRefusal) {
		return new ObjectPostProcessor<CsrfFilter>() {
			@Override
			public <O extends CsrfFilter> O postProcess(O filter) {
				filter.setAccessDeniedHandler(csrfRefusal);
				return filter;
			}
		};
	}
}
