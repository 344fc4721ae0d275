package io.smartvitals.smart.auth.launch;

import io.smartvitals.smart.auth.server.TenantIssuer;

import io.smartvitals.smart.auth.directory.PatientDirectory;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /auth/{tenant}/launch} for EHRs: creates a launch context and answers
 * {@code 201 {"launch": "...", "iss": "{FHIR base}", "expires_in": 300}}: the EHR opens the app's
 * launch URL with {@code iss} and {@code launch}. Bearer-authenticated (see
 * {@link LaunchApiAuthorization}), no session, no CSRF; the patient must exist in the tenant.
 */
@RestController
public class LaunchEndpoint {

	static final int MAX_BODY_CHARS = 16 * 1024;
	private final LaunchContexts launches;
	private final LaunchApiAuthorization authorization;
	private final PatientDirectory patients;
	private final Predicate<String> servableTenant;

	public LaunchEndpoint(LaunchContexts launches, LaunchApiAuthorization authorization, PatientDirectory patients,
			Predicate<String> servableTenant) {
		this.launches = launches;
		this.authorization = authorization;
		this.patients = patients;
		this.servableTenant = servableTenant;
	}

	@PostMapping(path = "/auth/{tenant}/launch", produces = "application/json")
	public ResponseEntity<Map<String, Object>> create(@PathVariable String tenant, @RequestBody(required = false) String body,
			HttpServletRequest request) {
		if (!servableTenant.test(tenant)) {
			return error(HttpStatus.NOT_FOUND, "not_found", "Unknown tenant");
		}
		switch (authorization.check(request, tenant)) {
			case UNAUTHENTICATED -> {
				return ResponseEntity.status(HttpStatus.UNAUTHORIZED).cacheControl(CacheControl.noStore())
						.header("WWW-Authenticate", "Bearer realm=\"launch\"")
						.body(Map.of("error", "invalid_token", "error_description", "A bearer token that may create launches is required"));
			}
			case FORBIDDEN -> {
				return error(HttpStatus.FORBIDDEN, "insufficient_scope", "This token may not create launches at this tenant");
			}
			case ALLOWED -> {
				// go on
			}
		}
		String contentType = request.getContentType();
		if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
			return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "invalid_request", "Content-Type must be application/json");
		}
		if (body != null && body.length() > MAX_BODY_CHARS) {
			return error(HttpStatus.PAYLOAD_TOO_LARGE, "invalid_request", "The body is too large");
		}
		LaunchRequest launch;
		try {
			launch = LaunchRequest.parse(body);
		} catch (IllegalArgumentException invalid) {
			return error(HttpStatus.BAD_REQUEST, "invalid_request", invalid.getMessage());
		}
		if (patients.get(tenant, PatientDirectory.TENANT_EHR, launch.patient()).isEmpty()) {
			return error(HttpStatus.BAD_REQUEST, "invalid_request", "No such patient in this tenant");
		}
		LaunchContexts.Created created = launches.create(tenant, launch);
		return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
				.body(Map.of("launch", created.value(), "iss", TenantIssuer.of(request, tenant).fhirBase(),
						"expires_in", launches.lifetime().toSeconds()));
	}

	private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String error, String description) {
		return ResponseEntity.status(status).cacheControl(CacheControl.noStore())
				.body(Map.of("error", error, "error_description", description));
	}
}
