package io.smartvitals.tenants.admin;

import io.smartvitals.tenants.registry.TenantId;
import io.smartvitals.tenants.registry.TenantId.InvalidTenantIdException;
import io.smartvitals.tenants.registry.TenantRegistry;
import io.smartvitals.tenants.registry.TenantRegistry.TenantAlreadyExistsException;
import io.smartvitals.tenants.registry.TenantRegistry.UnknownTenantException;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Create, list, get, suspend and resume tenants. Authentication is not this controller's job:
 * the server guards {@code /admin/**} with the operator credential before requests get here.
 */
@RestController
@RequestMapping(path = "/admin/tenants", produces = "application/json")
public class TenantAdminController {

	private final TenantRegistry registry;

	public TenantAdminController(TenantRegistry registry) {
		this.registry = registry;
	}

	@PostMapping(consumes = "application/json")
	public ResponseEntity<TenantView> create(@RequestBody CreateTenantRequest request) {
		if (request == null || request.id() == null) {
			throw new IllegalArgumentException("Body must be a JSON object with at least \"id\"");
		}
		if (request.displayName() != null && request.displayName().length() > 200) {
			throw new IllegalArgumentException("displayName is longer than 200 characters");
		}
		if (request.plan() != null && request.plan().length() > 40) {
			throw new IllegalArgumentException("plan is longer than 40 characters");
		}
		TenantView created =
				TenantView.of(registry.create(new TenantId(request.id()), request.displayName(), request.plan()));
		return ResponseEntity.created(URI.create("/admin/tenants/" + created.id())).body(created);
	}

	@GetMapping
	public List<TenantView> list() {
		return registry.list().stream().map(TenantView::of).toList();
	}

	@GetMapping("/{id}")
	public TenantView get(@PathVariable String id) {
		TenantId tenantId = existingIdOrNotFound(id);
		return registry.find(tenantId).map(TenantView::of).orElseThrow(() -> new UnknownTenantException(tenantId));
	}

	@PostMapping("/{id}/suspend")
	public TenantView suspend(@PathVariable String id) {
		return TenantView.of(registry.suspend(existingIdOrNotFound(id)));
	}

	@PostMapping("/{id}/resume")
	public TenantView resume(@PathVariable String id) {
		return TenantView.of(registry.resume(existingIdOrNotFound(id)));
	}

	/** A malformed id in a path can only name a tenant that does not exist. */
	private static TenantId existingIdOrNotFound(String id) {
		if (!TenantId.isWellFormed(id)) {
			throw new NoSuchTenantPath();
		}
		return new TenantId(id);
	}

	private static final class NoSuchTenantPath extends RuntimeException {}

	@ExceptionHandler({InvalidTenantIdException.class, IllegalArgumentException.class})
	ResponseEntity<AdminError> badRequest(IllegalArgumentException e) {
		return ResponseEntity.badRequest().body(new AdminError("invalid_request", e.getMessage()));
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<AdminError> unreadable(HttpMessageNotReadableException e) {
		return ResponseEntity.badRequest()
				.body(new AdminError("invalid_request", "Request body is not valid JSON for this operation"));
	}

	@ExceptionHandler({UnknownTenantException.class, NoSuchTenantPath.class})
	ResponseEntity<AdminError> notFound(RuntimeException e) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new AdminError("not_found", "No such tenant"));
	}

	@ExceptionHandler(TenantAlreadyExistsException.class)
	ResponseEntity<AdminError> conflict(TenantAlreadyExistsException e) {
		return ResponseEntity.status(HttpStatus.CONFLICT).body(new AdminError("conflict", e.getMessage()));
	}
}
