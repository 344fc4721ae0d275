package io.smartvitals.smart.auth.discovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartvitals.smart.auth.server.TenantIssuer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves {@code GET /fhir/{tenant}/.well-known/smart-configuration} in front of the HAPI servlet
 * (which owns {@code /fhir/*}): public, {@code application/json}, CORS-enabled for browser apps.
 * Unknown or inactive tenants get 404.
 */
public class SmartConfigurationFilter extends OncePerRequestFilter {

	private static final Pattern PATH = Pattern.compile("^/fhir/([^/]+)/\\.well-known/smart-configuration$");
	private final ObjectMapper json = new ObjectMapper();
	private final Predicate<String> activeTenant;

	public SmartConfigurationFilter(Predicate<String> activeTenant) {
		this.activeTenant = activeTenant;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !PATH.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Matcher m = PATH.matcher(request.getRequestURI().substring(request.getContextPath().length()));
		m.matches();
		String tenant = m.group(1);
		String origin = request.getHeader("Origin");
		response.setHeader("Access-Control-Allow-Origin", origin == null ? "*" : origin);
		response.setHeader("Vary", "Origin");
		if ("OPTIONS".equals(request.getMethod())) {
			response.setHeader("Access-Control-Allow-Methods", "GET, OPTIONS");
			response.setHeader("Access-Control-Allow-Headers", "Authorization, Content-Type, Accept");
			response.setStatus(HttpServletResponse.SC_NO_CONTENT);
			return;
		}
		if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
			response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
			return;
		}
		if (!activeTenant.test(tenant)) {
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			response.setContentType("application/json");
			response.getWriter().write("{\"error\":\"unknown tenant\"}");
			return;
		}
		response.setContentType("application/json");
		response.setCharacterEncoding("UTF-8");
		json.writeValue(response.getOutputStream(), SmartConfiguration.of(TenantIssuer.of(request, tenant)));
	}
}
