package io.smartvitals.smart.auth.people;

import io.smartvitals.smart.auth.server.PrincipalRevocations;
import io.smartvitals.smart.auth.consent.ConsentPage;
import io.smartvitals.smart.auth.directory.AppCatalog;
import io.smartvitals.smart.auth.directory.PatientDirectory;
import io.smartvitals.smart.auth.keys.KeyEncryptionKey;
import io.smartvitals.smart.auth.launch.LaunchApiAuthorization;
import io.smartvitals.smart.auth.launch.LaunchContexts;
import io.smartvitals.smart.auth.launch.LaunchEndpoint;
import io.smartvitals.smart.auth.launch.LaunchEvents;
import io.smartvitals.smart.auth.login.LoginEvents;
import io.smartvitals.smart.auth.launch.LauncherPage;
import io.smartvitals.smart.auth.login.LockoutPolicy;
import io.smartvitals.smart.auth.login.LoginSources;
import io.smartvitals.smart.auth.login.SourceThrottle;
import io.smartvitals.smart.auth.login.LoginPage;
import io.smartvitals.smart.auth.login.LoginSessions;
import io.smartvitals.smart.auth.login.MfaPage;
import io.smartvitals.smart.auth.login.TenantLogin;
import io.smartvitals.smart.auth.mfa.TotpSecrets;
import io.smartvitals.smart.auth.pages.TenantPages;
import io.smartvitals.smart.auth.users.TenantAuthPolicies;
import io.smartvitals.smart.auth.users.TenantUserRepository;
import io.smartvitals.smart.auth.users.TenantUsers;
import io.smartvitals.smart.auth.users.UserRole;
import io.smartvitals.smart.auth.users.UserAdminController;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Builds every people-facing object once. The application registers the controllers (and, if it
 * wants, the services) as beans; the four interfaces it supplies are the seams to the rest of the
 * server: {@link AppCatalog}, {@link PatientDirectory}, {@link LaunchApiAuthorization}, and the
 * tenant predicates.
 */
public final class PeopleComponents {

	/** Configuration: the per-account and per-source failure rules, and how long a launch context stays claimable. */
	public record Settings(LockoutPolicy lockout, SourceThrottle sourceThrottle, Duration launchLifetime) {
		public static Settings defaults() {
			return new Settings(LockoutPolicy.defaults(), SourceThrottle.defaults(), Duration.ofMinutes(5));
		}
	}

	/** The seams to the rest of the server. */
	public record Seams(
			Predicate<String> servableTenant,
			Predicate<String> knownTenant,
			Function<String, String> tenantDisplayName,
			AppCatalog apps,
			PatientDirectory patients,
			LaunchApiAuthorization launchAuthorization) {}

	private final PasswordEncoder passwordEncoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
	private final TenantUserRepository userRepository;
	private final TenantUsers users;
	private final PrincipalRevocations revocations;
	private final TenantAuthPolicies policies;
	private final TotpSecrets totpSecrets;
	private final TenantLogin login;
	private final LoginSessions sessions;
	private final LaunchContexts launches;
	private final TenantPages tenantPages;
	private final Seams seams;


	/** With listeners that put sign-ins, lockouts and launches on the audit trail. */
	public PeopleComponents(JdbcTemplate jdbc, KeyEncryptionKey kek, Clock clock, Settings settings, Seams seams,
			PrincipalRevocations revocations, LoginEvents loginEvents, LaunchEvents launchEvents) {
		this.seams = seams;
		this.userRepository = new TenantUserRepository(jdbc);
		this.revocations = revocations;
		this.users = new TenantUsers(userRepository, passwordEncoder, clock, revocations);
		this.policies = new TenantAuthPolicies(jdbc, clock);
		this.totpSecrets = new TotpSecrets(userRepository, kek, clock);
		this.login = new TenantLogin(userRepository, policies, totpSecrets, passwordEncoder, settings.lockout(),
				settings.sourceThrottle(), new LoginSources(jdbc), clock, loginEvents);
		this.sessions = new LoginSessions(clock);
		this.launches = new LaunchContexts(jdbc, clock, settings.launchLifetime(), launchEvents);
		this.tenantPages = new TenantPages(seams.servableTenant(), seams.tenantDisplayName());
	}

	public PasswordEncoder passwordEncoder() {
		return passwordEncoder;
	}

	public TenantUsers users() {
		return users;
	}

	/** Ends tokens of users, clients and tenants (one instance for the whole authorization server). */
	public PrincipalRevocations revocations() {
		return revocations;
	}

	public TenantAuthPolicies policies() {
		return policies;
	}

	public TenantLogin login() {
		return login;
	}

	public LoginSessions sessions() {
		return sessions;
	}

	/** For the authorize step ({@code claim}) and the token step ({@code claimedBy}). */
	public LaunchContexts launches() {
		return launches;
	}

	public UserAdminController userAdminController() {
		return new UserAdminController(users, policies, seams.knownTenant());
	}

	public LoginPage loginPage() {
		return new LoginPage(login, sessions, tenantPages);
	}

	public MfaPage mfaPage() {
		return new MfaPage(login, sessions, userRepository, totpSecrets, tenantPages);
	}

	public ConsentPage consentPage() {
		return new ConsentPage(sessions, seams.apps(), seams.patients(), tenantPages,
				(tenant, username) -> users.hasRole(tenant, username, UserRole.AUDITOR));
	}

	public LaunchEndpoint launchEndpoint() {
		return new LaunchEndpoint(launches, seams.launchAuthorization(), seams.patients(), seams.servableTenant());
	}

	public LauncherPage launcherPage() {
		return new LauncherPage(sessions, seams.apps(), seams.patients(), launches, tenantPages);
	}
}
