package io.smartvitals.server.http;

import io.smartvitals.audit.http.RefusalEvidence;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Issuer, FHIR base, discovery and every absolute URL the server writes are built from the host
 * the request names (the {@code Host} header, or a trusted proxy's {@code X-Forwarded-Host} once
 * the container has applied it). So only the configured names ({@code vitals.allowed-hosts}) are
 * served: any other host is refused with 400 before anything reads it, and a client cannot make
 * the server announce another issuer, audience or redirect target. {@code *} turns the check off.
 * Actuator is exempt: it writes no URLs, and orchestrators probe and scrape by the pod's address.
 */
public class AllowedHostsFilter extends OncePerRequestFilter {

	public static final String RULE = "allowed-hosts";

	private final Set<String> allowed;
	private final boolean any;
	private final RefusalEvidence evidence;

	public AllowedHostsFilter(Collection<String> allowed, RefusalEvidence evidence) {
		this.allowed = allowed.stream().map(AllowedHostsFilter::normalise).collect(Collectors.toUnmodifiableSet());
		this.any = this.allowed.contains("*");
		this.evidence = evidence;
	}

	/** Whether a request naming {@code host} (without port) is served. */
	public boolean allows(String host) {
		return any || (host != null && allowed.contains(normalise(host)));
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return request.getRequestURI().startsWith(request.getContextPath() + "/actuator/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (allows(request.getServerName())) {
			chain.doFilter(request, response);
			return;
		}
		if (evidence.record(request, HttpServletResponse.SC_BAD_REQUEST, RULE)) {
			OperationOutcomeResponse.write(response, HttpServletResponse.SC_BAD_REQUEST, "invalid",
					"This server does not answer for that host name (see vitals.allowed-hosts)");
		} else {
			OperationOutcomeResponse.auditUnavailable(response);
		}
	}

	/** Lower case, IPv6 literals without brackets (containers differ in how they report them). */
	private static String normalise(String host) {
		String h = host.trim().toLowerCase(Locale.ROOT);
		return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
	}
}
