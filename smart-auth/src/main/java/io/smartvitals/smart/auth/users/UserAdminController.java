package io.smartvitals.smart.auth.users;

import io.smartvitals.smart.auth.users.TenantAuthPolicies.AuthPolicy;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator API for a tenant's users and login policy (guarded with the rest of {@code /admin/**}).
 * Answers never contain a password hash or a TOTP secret.
 */
@RestController
public class UserAdminController {

	private final TenantUsers users;
	private final TenantAuthPolicies policies;
	private final Predicate<String> knownTenant;

	public UserAdminController(TenantUsers users, TenantAuthPolicies policies, Predicate<String> knownTenant) {
		this.users = users;
		this.policies = policies;
		this.knownTenant = knownTenant;
	}

	public record CreateUserRequest(String username, String password, String fhirUser, String kind, Boolean tenantWide) {}

	public record PolicyRequest(Boolean mfaRequired) {}

	@PostMapping(path = "/admin/tenants/{tenant}/users", produces = "application/json")
	public ResponseEntity<?> create(@PathVariable String tenant, @RequestBody(required = false) CreateUserRequest request) {
		if (!knownTenant.test(tenant)) {
			return noSuchTenant();
		}
		if (request == null) {
			return error(HttpStatus.BAD_REQUEST, "invalid_request", "A JSON body is required");
		}
		NewUser user;
		try {
			user = NewUser.of(request.username(), request.password(), request.fhirUser(), request.kind(), request.tenantWide());
		} catch (IllegalArgumentException invalid) {
			return error(HttpStatus.BAD_REQUEST, "invalid_request", invalid.getMessage());
		}
		Optional<TenantUser> created = users.create(tenant, user);
		if (created.isEmpty()) {
			return error(HttpStatus.CONFLICT, "conflict", "The tenant already has a user named " + user.username());
		}
		return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).body(UserView.of(created.get()));
	}

	@GetMapping(path = "/admin/tenants/{tenant}/users", produces = "application/json")
	public ResponseEntity<?> list(@PathVariable String tenant) {
		if (!knownTenant.test(tenant)) {
			return noSuchTenant();
		}
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(users.list(tenant).stream().map(UserView::of).toList());
	}

	@GetMapping(path = "/admin/tenants/{tenant}/users/{username}", produces = "application/json")
	public ResponseEntity<?> get(@PathVariable String tenant, @PathVariable String username) {
		if (!knownTenant.test(tenant)) {
			return noSuchTenant();
		}
		return users.find(tenant, username)
				.<ResponseEntity<?>>map(u -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(UserView.of(u)))
				.orElseGet(UserAdminController::noSuchUser);
	}

	@PostMapping(path = "/admin/tenants/{tenant}/users/{username}/disable", produces = "application/json")
	public ResponseEntity<?> disable(@PathVariable String tenant, @PathVariable String username) {
		return change(tenant, username, knownTenant.test(tenant) && users.disable(tenant, username));
	}

	/** An administrator's lock: until unlocked, and it ends the user's tokens (the automatic lockout does not). */
	@PostMapping(path = "/admin/tenants/{tenant}/users/{username}/lock", produces = "application/json")
	public ResponseEntity<?> lock(@PathVariable String tenant, @PathVariable String username) {
		return change(tenant, username, knownTenant.test(tenant) && users.lock(tenant, username));
	}

	@PostMapping(path = "/admin/tenants/{tenant}/users/{username}/reset-mfa", produces = "application/json")
	public ResponseEntity<?> resetMfa(@PathVariable String tenant, @PathVariable String username) {
		return change(tenant, username, knownTenant.test(tenant) && users.resetMfa(tenant, username));
	}

	@PostMapping(path = "/admin/tenants/{tenant}/users/{username}/unlock", produces = "application/json")
	public ResponseEntity<?> unlock(@PathVariable String tenant, @PathVariable String username) {
		return change(tenant, username, knownTenant.test(tenant) && users.unlock(tenant, username));
	}

	/** Grants a role (today only {@code auditor}); answers the user's roles. */
	@PutMapping(path = "/admin/tenants/{tenant}/users/{username}/roles/{role}", produces = "application/json")
	public ResponseEntity<?> grantRole(@PathVariable String tenant, @PathVariable String username, @PathVariable String role) {
		return changeRole(tenant, username, role, true);
	}

	@DeleteMapping(path = "/admin/tenants/{tenant}/users/{username}/roles/{role}", produces = "application/json")
	public ResponseEntity<?> revokeRole(@PathVariable String tenant, @PathVariable String username, @PathVariable String role) {
		return changeRole(tenant, username, role, false);
	}

	private ResponseEntity<?> changeRole(String tenant, String username, String roleName, boolean grant) {
		if (!knownTenant.test(tenant)) {
			return noSuchTenant();
		}
		Optional<UserRole> role = UserRole.parse(roleName);
		if (role.isEmpty()) {
			return error(HttpStatus.BAD_REQUEST, "invalid_request", "Unknown role; roles: auditor");
		}
		boolean exists = grant ? users.grantRole(tenant, username, role.get()) : users.revokeRole(tenant, username, role.get());
		if (!exists) {
			return noSuchUser();
		}
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of(
				"username", NewUser.normalizeUsername(username),
				"roles", users.hasRole(tenant, username, UserRole.AUDITOR) ? java.util.List.of("auditor") : java.util.List.of()));
	}

	@GetMapping(path = "/admin/tenants/{tenant}/auth-policy", produces = "application/json")
	public ResponseEntity<?> policy(@PathVariable String tenant) {
		if (!knownTenant.test(tenant)) {
			return noSuchTenant();
		}
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(policies.policy(tenant));
	}

	@PutMapping(path = "/admin/tenants/{tenant}/auth-policy", produces = "application/json")
	public ResponseEntity<?> updatePolicy(@PathVariable String tenant, @RequestBody(required = false) PolicyRequest request) {
		if (!knownTenant.test(tenant)) {
			return noSuchTenant();
		}
		if (request == null || request.mfaRequired() == null) {
			return error(HttpStatus.BAD_REQUEST, "invalid_request", "Body must be {\"mfaRequired\": true|false}");
		}
		return ResponseEntity.ok().cacheControl(CacheControl.noStore())
				.body(policies.update(tenant, new AuthPolicy(request.mfaRequired())));
	}

	private ResponseEntity<?> change(String tenant, String username, boolean changed) {
		if (!knownTenant.test(tenant)) {
			return noSuchTenant();
		}
		if (!changed) {
			return noSuchUser();
		}
		return get(tenant, username);
	}

	private static ResponseEntity<?> noSuchTenant() {
		return error(HttpStatus.NOT_FOUND, "not_found", "No such tenant");
	}

	private static ResponseEntity<?> noSuchUser() {
		return error(HttpStatus.NOT_FOUND, "not_found", "No such user in this tenant");
	}

	private static ResponseEntity<?> error(HttpStatus status, String error, String description) {
		return ResponseEntity.status(status).cacheControl(CacheControl.noStore())
				.body(Map.of("error", error, "error_description", description));
	}
}
