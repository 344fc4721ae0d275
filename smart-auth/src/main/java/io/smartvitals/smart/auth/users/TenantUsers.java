package io.smartvitals.smart.auth.users;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Creating and administering a tenant's users; passwords are hashed here and nowhere else. */
public class TenantUsers {

	private final TenantUserRepository repository;
	private final PasswordEncoder passwords;
	private final Clock clock;

	public TenantUsers(TenantUserRepository repository, PasswordEncoder passwords, Clock clock) {
		this.repository = repository;
		this.passwords = passwords;
		this.clock = clock;
	}

	/** @return the new user, or empty if the tenant already has that username */
	public Optional<TenantUser> create(String tenant, NewUser user) {
		if (!repository.insert(tenant, user, passwords.encode(user.password()), clock.instant())) {
			return Optional.empty();
		}
		return repository.find(tenant, user.username());
	}

	public Optional<TenantUser> find(String tenant, String username) {
		return repository.find(tenant, NewUser.normalizeUsername(username));
	}

	public List<TenantUser> list(String tenant) {
		return repository.list(tenant);
	}

	/** @return false when there is no such user */
	public boolean grantRole(String tenant, String username, UserRole role) {
		return repository.grantRole(tenant, NewUser.normalizeUsername(username), role, clock.instant());
	}

	/** @return false when there is no such user */
	public boolean revokeRole(String tenant, String username, UserRole role) {
		return repository.revokeRole(tenant, NewUser.normalizeUsername(username), role);
	}

	public boolean hasRole(String tenant, String username, UserRole role) {
		return repository.hasRole(tenant, NewUser.normalizeUsername(username), role);
	}

	public boolean disable(String tenant, String username) {
		return repository.disable(tenant, NewUser.normalizeUsername(username));
	}

	public boolean unlock(String tenant, String username) {
		return repository.unlock(tenant, NewUser.normalizeUsername(username));
	}

	public boolean resetMfa(String tenant, String username) {
		return repository.resetMfa(tenant, NewUser.normalizeUsername(username));
	}
}
