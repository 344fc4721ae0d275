package io.smartvitals.audit.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request its id (see {@link RequestId}), puts it in the response header and, with
 * the tenant, in the logging MDC ({@link LogContext}), and writes one access log line per request (logger {@code io.smartvitals.access}):
 * {@code request=<id> GET /fhir/t/Patient/1 status=200 ms=12}.
 */
public class RequestIdFilter extends OncePerRequestFilter {

	/** The access log's logger: one line per request, and the connector's refusals ({@link ConnectorRefusals}). */
	static final String ACCESS_LOG = "io.smartvitals.access";
	private static final Logger access = LoggerFactory.getLogger(ACCESS_LOG);

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String id = RequestId.choose(request.getHeader(RequestId.HEADER));
		request.setAttribute(RequestId.ATTRIBUTE, id);
		response.setHeader(RequestId.HEADER, id);
		MDC.put(LogContext.REQUEST_ID, id);
		LogContext.tenantOfPath(request.getRequestURI());
		long start = System.nanoTime();
		try {
			chain.doFilter(request, response);
		} finally {
			if (access.isInfoEnabled()) {
				access.info("request={} {} {} status={} ms={}", id, request.getMethod(), request.getRequestURI(),
						response.getStatus(), (System.nanoTime() - start) / 1_000_000);
			}
			LogContext.clear();
		}
	}
}
