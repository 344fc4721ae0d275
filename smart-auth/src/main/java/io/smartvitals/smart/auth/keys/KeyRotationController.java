package io.smartvitals.smart.auth.keys;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operator API: list a tenant's signing keys and rotate them. Guarded with the rest of {@code /admin/**}. */
@RestController
public class KeyRotationController {

	private final TenantSigningKeys keys;
	private final Predicate<String> knownTenant;

	public KeyRotationController(TenantSigningKeys keys, Predicate<String> knownTenant) {
		this.keys = keys;
		this.knownTenant = knownTenant;
	}

	record KeyView(String kid, Instant createdAt, Instant signsFrom, Instant retiredAt, Instant publishedUntil) {
		static KeyView of(SigningKey key) {
			return new KeyView(key.kid(), key.createdAt(), key.signsFrom(), key.retiredAt(), key.publishedUntil());
		}
	}

	@GetMapping(path = "/admin/tenants/{tenant}/keys", produces = "application/json")
	public ResponseEntity<?> list(@PathVariable String tenant) {
		if (!knownTenant.test(tenant)) {
			return notFound();
		}
		List<KeyView> views = keys.history(tenant).stream().map(KeyView::of).toList();
		return ResponseEntity.ok(views);
	}

	@PostMapping(path = "/admin/tenants/{tenant}/keys/rotate", produces = "application/json")
	public ResponseEntity<?> rotate(@PathVariable String tenant) {
		if (!knownTenant.test(tenant)) {
			return notFound();
		}
		return ResponseEntity.status(HttpStatus.CREATED).body(KeyView.of(keys.rotate(tenant)));
	}

	private static ResponseEntity<Map<String, String>> notFound() {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "not_found", "error_description", "No such tenant"));
	}
}
