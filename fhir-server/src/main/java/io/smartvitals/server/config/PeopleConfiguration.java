package io.smartvitals.server.config;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.partition.IPartitionLookupSvc;
import io.smartvitals.audit.AuditTrail;
import io.smartvitals.audit.http.RefusalEvidence;
import io.smartvitals.interceptors.token.AccessTokenVerifier;
import io.smartvitals.smart.auth.evidence.LaunchEvidence;
import io.smartvitals.smart.auth.evidence.LoginEvidence;
import io.smartvitals.server.admin.AdminCredential;
import io.smartvitals.server.people.BearerLaunchAuthorization;
import io.smartvitals.server.people.HapiPatientDirectory;
import io.smartvitals.smart.auth.consent.ConsentPage;
import io.smartvitals.smart.auth.directory.AppCatalog;
import io.smartvitals.smart.auth.directory.InMemoryAppCatalog;
import io.smartvitals.smart.auth.directory.PatientDirectory;
import io.smartvitals.smart.auth.keys.KeyEncryptionKey;
import io.smartvitals.smart.auth.launch.LaunchEndpoint;
import io.smartvitals.smart.auth.launch.LauncherPage;
import io.smartvitals.smart.auth.login.Backoff;
import io.smartvitals.smart.auth.login.LockoutPolicy;
import io.smartvitals.smart.auth.login.SourceThrottle;
import io.smartvitals.smart.auth.login.LoginPage;
import io.smartvitals.smart.auth.login.MfaPage;
import io.smartvitals.smart.auth.pages.CsrfRefusal;
import io.smartvitals.smart.auth.pages.PeoplePagesSecurity;
import io.smartvitals.smart.auth.people.PeopleComponents;
import io.smartvitals.smart.auth.users.UserAdminController;
import io.smartvitals.tenants.registry.TenantId;
import io.smartvitals.tenants.registry.TenantRegistry;
import io.smartvitals.tenants.resolve.TenantResolver;
import io.smartvitals.server.access.HapiCareDirectory;
import io.smartvitals.server.access.TenantStorage;
import io.smartvitals.smart.auth.client.RegisteredAppCatalog;
import java.time.Clock;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Issue 3's people-facing parts: users and their admin API, login and MFA pages, the approval
 * page, EHR launch API and launcher, with the Spring Security chain for those paths only. Kept
 * apart from {@link SmartAuthConfiguration} so the OAuth core can be merged beside it.
 */
@Configuration
public class PeopleConfiguration {

	@Bean
	public PeopleComponents peopleComponents(
			JdbcTemplate jdbc,
			KeyEncryptionKey kek,
			TenantResolver resolver,
			TenantRegistry registry,
			AppCatalog apps,
			PatientDirectory patients,
			AdminCredential credential,
			AccessTokenVerifier verifier,
			AuditTrail auditTrail,
			io.smartvitals.smart.auth.server.PrincipalRevocations revocations,
			io.smartvitals.interceptors.token.RevokedAccessTokens revokedTokens,
			io.smartvitals.interceptors.token.RevokedPrincipals revokedPrincipals,
			LoginSettings configured) {
		LoginSettings.Login login = configured.login();
		PeopleComponents.Settings settings = new PeopleComponents.Settings(
				new LockoutPolicy(login.throttleAfter(), login.throttleDelay(), login.maxDelay(), login.lockAfter(), login.lockDuration()),
				new SourceThrottle(new Backoff(login.sourceFreeFailures(), login.sourceDelay(), login.sourceMaxDelay()), login.sourceWindow()),
				configured.launch().lifetime());
		PeopleComponents.Seams seams = new PeopleComponents.Seams(
				resolver::servable,
				tenant -> TenantId.isWellFormed(tenant) && registry.find(new TenantId(tenant)).isPresent(),
				resolver::displayName,
				apps,
				patients,
				new BearerLaunchAuthorization(credential.operatorToken(), verifier, revokedTokens, revokedPrincipals));
		return new PeopleComponents(jdbc, kek, Clock.systemUTC(), settings, seams, revocations,
				new LoginEvidence(auditTrail, Clock.systemUTC()), new LaunchEvidence(auditTrail, Clock.systemUTC()));
	}

	/** Until the client registry implements {@link AppCatalog}: apps registered in memory (tests, demos). */
	@Bean
	public InMemoryAppCatalog inMemoryApps() {
		return new InMemoryAppCatalog();
	}

	@Bean
	@org.springframework.context.annotation.Primary
	public AppCatalog appCatalog(io.smartvitals.smart.auth.client.ClientRegistry registry, InMemoryAppCatalog extra) {
		return new RegisteredAppCatalog(registry, Clock.systemUTC(), extra);
	}

	@Bean
	public PatientDirectory patientDirectory(DaoRegistry daos, IPartitionLookupSvc partitions,
			TenantStorage storage, EnforcementSettings settings) {
		return new HapiPatientDirectory(daos.getResourceDao(Patient.class), partitions,
				new HapiCareDirectory(storage, settings.enforcement().directoryCacheTtl()));
	}

	@Bean
	@Order(0) // before the authorization server's /auth/** chain: these paths are narrower
	public SecurityFilterChain peoplePagesSecurityFilterChain(HttpSecurity http, RefusalEvidence refusals) throws Exception {
		return PeoplePagesSecurity.chain(http, new CsrfRefusal(refusals));
	}

	@Bean
	public UserAdminController userAdminController(PeopleComponents people) {
		return people.userAdminController();
	}

	@Bean
	public LoginPage loginPage(PeopleComponents people) {
		return people.loginPage();
	}

	@Bean
	public MfaPage mfaPage(PeopleComponents people) {
		return people.mfaPage();
	}

	@Bean
	public ConsentPage consentPage(PeopleComponents people) {
		return people.consentPage();
	}

	@Bean
	public LaunchEndpoint launchEndpoint(PeopleComponents people) {
		return people.launchEndpoint();
	}

	@Bean
	public LauncherPage launcherPage(PeopleComponents people) {
		return people.launcherPage();
	}
}
