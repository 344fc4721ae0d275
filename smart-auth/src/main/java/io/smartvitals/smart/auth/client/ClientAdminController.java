package io.smartvitals.smart.auth.client;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /admin/tenants/{tenant}/clients}: register, list, get, disable, rotate secret. The operator
 * token filter guards {@code /admin}. A secret is shown only in the response that creates it.
 */
@RestController
@RequestMapping("/admin/tenants/{tenant}/clients")
public class ClientAdminController {

	private final ClientRegistry registry;
	private final Predicate<String> knownTenant;
	private final Duration secretOverlap;

	public ClientAdminController(ClientRegistry registry, Predicate<String> knownTenant, Duration secretOverlap) {
		this.registry = registry;
		this.knownTenant = knownTenant;
		this.secretOverlap = secretOverlap;
	}

	@PostMapping
	public ResponseEntity<Map<String, Object>> register(@PathVariable String tenant, @RequestBody ClientRegistration registration) {
		requireTenant(tenant);
		ClientRegistry.Registered registered = registry.register(tenant, registration);
		return ResponseEntity.status(HttpStatus.CREATED).body(view(registered.client(), registered.secret()));
	}

	@GetMapping
	public List<Map<String, Object>> list(@PathVariable String tenant) {
		requireTenant(tenant);
		return registry.list(tenant).stream().map(c -> view(c, null)).toList();
	}

	@GetMapping("/{clientId}")
	public Map<String, Object> get(@PathVariable String tenant, @PathVariable String clientId) {
		requireTenant(tenant);
		return registry.find(tenant, clientId).map(c -> view(c, null)).orElseThrow(NotFound::new);
	}

	@PostMapping("/{clientId}/disable")
	public Map<String, Object> disable(@PathVariable String tenant, @PathVariable String clientId) {
		requireTenant(tenant);
		return registry.disable(tenant, clientId).map(c -> view(c, null)).orElseThrow(NotFound::new);
	}

	@PostMapping("/{clientId}/rotate-secret")
	public Map<String, Object> rotateSecret(@PathVariable String tenant, @PathVariable String clientId) {
		requireTenant(tenant);
		ClientRegistry.Registered rotated = registry.rotateSecret(tenant, clientId, secretOverlap).orElseThrow(NotFound::new);
		return view(rotated.client(), rotated.secret());
	}

	private void requireTenant(String tenant) {
		if (!knownTenant.test(tenant)) {
			throw new NotFound();
		}
	}

	static Map<String, Object> view(SmartClient c, String secret) {
		Map<String, Object> v = new LinkedHashMap<>();
		v.put("clientId", c.clientId());
		v.put("name", c.name());
		v.put("type", c.type().name().toLowerCase().replace('_', '-'));
		v.put("launchTypes", c.launchTypes().stream().map(LaunchType::value).toList());
		v.put("redirectUris", c.redirectUris());
		v.put("scopes", c.allowedScopes());
		v.put("launchUri", c.launchUri());
		v.put("jwksUrl", c.jwksUrl());
		v.put("hasJwks", c.jwks() != null);
		v.put("owner", c.owner());
		v.put("purpose", c.purpose());
		v.put("expiresAt", c.expiresAt());
		v.put("createdAt", c.createdAt());
		v.put("lastUsedAt", c.lastUsedAt());
		v.put("disabledAt", c.disabledAt());
		v.put("status", c.disabledAt() != null ? "disabled" : c.expiresAt().isBefore(Instant.now()) ? "expired" : "active");
		if (c.previousSecretUntil() != null) {
			v.put("previousSecretValidUntil", c.previousSecretUntil());
		}
		if (secret != null) {
			v.put("clientSecret", secret);
		}
		return v;
	}

	@ExceptionHandler(ClientRegistrationException.class)
	ResponseEntity<Map<String, String>> refused(ClientRegistrationException e) {
		return ResponseEntity.badRequest().body(Map.of("error", "invalid_client_metadata", "error_description", e.getMessage()));
	}

	@ExceptionHandler(NotFound.class)
	ResponseEntity<Map<String, String>> notFound() {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "not_found"));
	}

	static class NotFound extends RuntimeException {}
}
