package io.smartvitals.server.http;

import io.smartvitals.audit.http.RefusalEvidence;
import io.smartvitals.tenants.registry.TenantId;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses FHIR paths that only path tricks produce: empty, {@code .} or {@code ..} segments and
 * encoded dots, slashes, backslashes or NULs, checked on the raw URI before the container
 * normalises it. The tenant is the first segment; nothing may make it mean another one, so a
 * segment that is not a well-formed tenant id as sent (a tab, a line break, a zero-width space
 * that a later layer might trim away) is an unknown tenant: 404. Each refusal is recorded (rule
 * {@value #RULE}) before it is answered. Serves {@code /fhir/*} and {@code /auth/*}.
 */
public class FhirPathFilter extends OncePerRequestFilter {

	public static final String RULE = "fhir-path";

	private static final Pattern TRICK = Pattern.compile(
			"//|/\\.{1,2}(/|$)|%2[eEfF]|%5[cC]|%00|\\\\");

	private final RefusalEvidence evidence;

	public FhirPathFilter(RefusalEvidence evidence) {
		this.evidence = evidence;
	}

	public static boolean isTrick(String rawPath) {
		return TRICK.matcher(rawPath).find();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (isTrick(request.getRequestURI())) {
			if (evidence.record(request, HttpServletResponse.SC_BAD_REQUEST, RULE)) {
				OperationOutcomeResponse.write(response, HttpServletResponse.SC_BAD_REQUEST, "invalid", "Malformed request path");
			} else {
				OperationOutcomeResponse.auditUnavailable(response);
			}
			return;
		}
		if (!TenantId.isWellFormed(tenantSegment(request.getRequestURI().substring(request.getContextPath().length())))) {
			if (evidence.record(request, HttpServletResponse.SC_NOT_FOUND, RULE)) {
				OperationOutcomeResponse.write(response, HttpServletResponse.SC_NOT_FOUND, "not-found", "Unknown tenant");
			} else {
				OperationOutcomeResponse.auditUnavailable(response);
			}
			return;
		}
		chain.doFilter(request, response);
	}

	/** The raw first segment after {@code /fhir/} or {@code /auth/}, still percent-encoded. */
	static String tenantSegment(String path) {
		int start = path.indexOf('/', 1) + 1;
		if (start <= 0) {
			return "";
		}
		int end = start;
		while (end < path.length() && "/;?".indexOf(path.charAt(end)) < 0) {
			end++;
		}
		return path.substring(start, end);
	}
}
