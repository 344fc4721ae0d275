package io.smartvitals.server.http;

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
 * normalises it. The tenant is the first segment; nothing may make it mean another one.
 */
public class FhirPathFilter extends OncePerRequestFilter {

	private static final Pattern TRICK = Pattern.compile(
			"//|/\\.{1,2}(/|$)|%2[eEfF]|%5[cC]|%00|\\\\");

	public static boolean isTrick(String rawPath) {
		return TRICK.matcher(rawPath).find();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (isTrick(request.getRequestURI())) {
			OperationOutcomeResponse.write(response, 400, "invalid", "Malformed request path");
			return;
		}
		chain.doFilter(request, response);
	}
}
