package io.smartvitals.smart.auth.evidence;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The HTTP request being served on this thread (Spring Boot binds it before the security
 * filters run), for the source address and request id of an event raised deep in a flow.
 */
final class CurrentRequest {

	private CurrentRequest() {}

	static Optional<HttpServletRequest> get() {
		return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
				? Optional.of(attributes.getRequest())
				: Optional.empty();
	}
}
