package io.smartvitals.smart.auth.users;

import io.smartvitals.smart.auth.server.PrincipalRevocations;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Creating and administering a tenant's users; passwords are hashed here and nowhere else. Every
 * change that takes access away (disable, lock, MFA reset, role removal) also ends the tokens the
 * user holds ({@link PrincipalRevocations}), so it takes effect at once, not at token expiry.
 */
public class TenantUsers {

	private final TenantUserRepository repository;
	private final PasswordEncoder passwords;
	private final Clock clock;
	private final PrincipalRevocations revocations;

	/** An administrator's lock lasts until an administrator unlocks. */
	static final Duration ADMINISTRATIVE_LOCK = Duration.ofDays(365L * 100);

	public TenantUsers(TenantUserRepository repository, PasswordEncoder passwords, Clock clock, PrincipalRevocations revocations) {
		this.repository = repository;
		this.passwords = passwords;
		this.clock = clock;
		this.revocations = revocations;
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
		String name = NewUser.normalizeUsername(username);
		boolean exists = repository.find(tenant, name).isPresent();
		if (exists && repository.revokeRole(tenant, name, role)) {
			revocations.revokeUser(tenant, name, "role " + role.wireName() + " removed");
		}
		return exists;
	}

	public boolean hasRole(String tenant, String username, UserRole role) {
		return repository.hasRole(tenant, NewUser.normalizeUsername(username), role);
	}

	public boolean disable(String tenant, String username) {
		return revokingIf(tenant, username, "user disabled", repository.disable(tenant, NewUser.normalizeUsername(username)));
	}

	/** Locks the account until {@link #unlock}; unlike the lockout after failed sign-ins, this ends the user's tokens. */
	public boolean lock(String tenant, String username) {
		String name = NewUser.normalizeUsername(username);
		if (repository.find(tenant, name).isEmpty()) {
			return false;
		}
		repository.lock(tenant, name, clock.instant().plus(ADMINISTRATIVE_LOCK));
		return revokingIf(tenant, username, "user locked", true);
	}

	public boolean unlock(String tenant, String username) {
		return repository.unlock(tenant, NewUser.normalizeUsername(username));
	}

	public boolean resetMfa(String tenant, String username) {
		return revokingIf(tenant, username, "MFA reset", repository.resetMfa(tenant, NewUser.normalizeUsername(username)));
	}

	private boolean revokingIf(String tenant, String username, String reason, boolean changed) {
		if (changed) {
			revocations.revokeUser(tenant, NewUser.normalizeUsername(username), reason);
		}
		return changed;
	}
}
