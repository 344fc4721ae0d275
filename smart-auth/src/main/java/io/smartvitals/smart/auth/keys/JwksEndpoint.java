package io.smartvitals.smart.auth.keys;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /auth/{tenant}/jwks}: the tenant's public signing keys (RFC 7517), public and
 * CORS-enabled. Cached by clients for less time than a rotation announces a key in advance.
 */
@RestController
public class JwksEndpoint {

	static final long MAX_AGE_SECONDS = 300;
	private final TenantSigningKeys keys;
	private final Predicate<String> servableTenant;

	public JwksEndpoint(TenantSigningKeys keys, Predicate<String> servableTenant) {
		this.keys = keys;
		this.servableTenant = servableTenant;
	}

	@GetMapping(path = "/auth/{tenant}/jwks", produces = "application/json")
	public ResponseEntity<Map<String, Object>> jwks(@PathVariable String tenant) {
		if (!servableTenant.test(tenant)) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND)
					.body(Map.of("error", "not_found", "error_description", "Unknown tenant"));
		}
		return ResponseEntity.ok()
				.cacheControl(CacheControl.maxAge(MAX_AGE_SECONDS, TimeUnit.SECONDS).cachePublic())
				.header("Access-Control-Allow-Origin", "*")
				// toJSONObject(true) emits public parameters only: never d, p, q, dp, dq, qi.
				.body(keys.publishedKeys(tenant).toJSONObject(true));
	}
}
