package io.smartvitals.server.config;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.partition.IPartitionLookupSvc;
import ca.uhn.fhir.jpa.searchparam.matcher.SearchParamMatcher;
import io.smartvitals.interceptors.access.BearerTokenInterceptor;
import io.smartvitals.interceptors.consent.TenantConsents;
import io.smartvitals.interceptors.enforce.TenantConsentInterceptor;
import io.smartvitals.interceptors.enforce.EnforcementSwitch;
import io.smartvitals.interceptors.enforce.PatientCompartmentNarrowing;
import io.smartvitals.interceptors.enforce.EntryRules;
import io.smartvitals.interceptors.enforce.ScopeEnforcementInterceptor;
import io.smartvitals.interceptors.operations.OperationAllowList;
import io.smartvitals.interceptors.paging.PagingLinkOwner;
import io.smartvitals.interceptors.paging.SearchOwners;
import io.smartvitals.interceptors.token.AccessTokenVerifier;
import io.smartvitals.interceptors.token.CachedTenantKeys;
import io.smartvitals.interceptors.token.RevokedAccessTokens;
import io.smartvitals.interceptors.token.RevokedPrincipals;
import io.smartvitals.server.access.HapiCareDirectory;
import io.smartvitals.server.access.HapiConsentSource;
import io.smartvitals.server.access.HapiGranularQueryMatcher;
import io.smartvitals.server.access.TenantStorage;
import io.smartvitals.smart.auth.keys.TenantSigningKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Token, scope and consent enforcement on the FHIR API (issue 4): the interceptors are created
 * here and registered on the RestfulServer by {@link FhirEndpointConfiguration}.
 */
@Configuration
public class EnforcementConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EnforcementConfiguration.class);

	/** The switch, checked at start: off only with {@code vitals.enforcement.allow-disabling=true}. */
	public record Enforcement(boolean enabled, List<Object> interceptors) {}

	@Bean
	public RevokedAccessTokens revokedAccessTokens(JdbcTemplate jdbc) {
		return new RevokedAccessTokens(jdbc, Clock.systemUTC());
	}

	@Bean
	public RevokedPrincipals revokedPrincipals(JdbcTemplate jdbc) {
		return new RevokedPrincipals(jdbc, Clock.systemUTC());
	}

	/**
	 * Every node polls the revocation tables (tokens, and users, clients and tenants whose earlier
	 * tokens no longer count), so a revocation is refused everywhere within a second.
	 */
	@Bean(destroyMethod = "shutdownNow")
	public ScheduledExecutorService revocationPoller(RevokedAccessTokens revoked, RevokedPrincipals principals,
			EnforcementSettings settings) {
		Duration interval = settings.enforcement().revocationPollInterval();
		revoked.poll();
		principals.poll();
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread thread = new Thread(r, "revoked-token-poller");
			thread.setDaemon(true);
			return thread;
		});
		executor.scheduleWithFixedDelay(() -> {
			try {
				revoked.poll();
				principals.poll();
			} catch (RuntimeException e) {
				log.warn("Polling revoked tokens failed (will retry): {}", e.toString());
			}
		}, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
		return executor;
	}

	@Bean
	public TenantStorage tenantStorage(DaoRegistry daos, IPartitionLookupSvc partitions) {
		return new TenantStorage(daos, partitions);
	}

	@Bean
	public TenantConsents tenantConsents(TenantStorage storage,
			EnforcementSettings settings) {
		return new TenantConsents(new HapiConsentSource(storage), Clock.systemUTC(), settings.consent().maxAge(),
				settings.consent().optInTenants());
	}

	@Bean
	public SearchOwners searchOwners(JdbcTemplate jdbc) {
		return new SearchOwners(jdbc);
	}

	/** Registered with or without enforcement: the tenant binding of paging links must always hold. */
	@Bean
	public PagingLinkOwner pagingLinkOwner(SearchOwners owners) {
		return new PagingLinkOwner(owners, Clock.systemUTC());
	}

	/**
	 * The one access-token verifier: the FHIR API, the launch API and AuditEvent reads share it, and
	 * with it the tenant key cache, the converted keys, the verified tokens and the parsed scopes.
	 */
	@Bean
	public AccessTokenVerifier accessTokenVerifier(TenantSigningKeys signingKeys,
			EnforcementSettings settings) {
		return new AccessTokenVerifier(
				new CachedTenantKeys(signingKeys::publishedKeys, Clock.systemUTC(), settings.enforcement().keyCacheTtl()),
				Clock.systemUTC(), Duration.ofSeconds(30), settings.enforcement().verifiedTokens());
	}

	@Bean
	public Enforcement enforcement(
			EnforcementSettings settings,
			FhirContext fhir,
			AccessTokenVerifier verifier,
			RevokedAccessTokens revoked,
			RevokedPrincipals revokedPrincipals,
			TenantStorage storage,
			SearchParamMatcher searchParamMatcher,
			TenantConsents consents) {
		if (!EnforcementSwitch.check(settings.enforcement().enabled(), settings.enforcement().allowDisabling())) {
			String banner = "\n###########################################################################\n"
					+ "##  ENFORCEMENT IS OFF: the FHIR API serves every tenant's data WITHOUT   ##\n"
					+ "##  tokens, scopes or consent (vitals.enforcement.enabled=false). This    ##\n"
					+ "##  is for benchmarks only. Never run it like this with real data.        ##\n"
					+ "###########################################################################";
			log.error(banner);
			return new Enforcement(false, List.of());
		}
		ScopeEnforcementInterceptor scopes = new ScopeEnforcementInterceptor(fhir,
				new HapiCareDirectory(storage, settings.enforcement().directoryCacheTtl()), new HapiGranularQueryMatcher(fhir, searchParamMatcher),
				consents, storage::read, Clock.systemUTC(),
				// A bundle entry reaches what the same direct request reaches: served types, allowed operations.
				new EntryRules(FhirEndpointConfiguration.REST_RESOURCE_TYPES, OperationAllowList.tenantDefaults(), settings.fhir().maxBundleEntries()));
		return new Enforcement(true, List.of(
				new BearerTokenInterceptor(verifier, revoked, revokedPrincipals),
				scopes,
				new PatientCompartmentNarrowing(),
				new TenantConsentInterceptor()));
	}

	/** SMART apps run in browsers: the FHIR API answers CORS preflights without a token (CHECKLIST D7). */
	@Bean
	public FilterRegistrationBean<CorsFilter> fhirCorsFilter() {
		CorsConfiguration cors = new CorsConfiguration();
		cors.addAllowedOriginPattern("*");
		cors.addAllowedMethod("*");
		// Any request header, notably Authorization: the bearer token is the only credential (no cookies).
		cors.addAllowedHeader("*");
		cors.setExposedHeaders(List.of("Location", "Content-Location", "ETag", "Last-Modified", "WWW-Authenticate", "X-Request-Id"));
		cors.setAllowCredentials(false);
		cors.setMaxAge(Duration.ofHours(1));
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		// "/**": the filter is mapped to /fhir/* already, and the lookup path of a request to the
		// FHIR servlet is the path within it (no "/fhir" prefix), so a "/fhir/**" pattern never matched.
		source.registerCorsConfiguration("/**", cors);
		FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(new CorsFilter(source));
		registration.addUrlPatterns("/fhir/*");
		registration.setOrder(ServletFilterOrder.FHIR_CORS.order());
		return registration;
	}

	/** Paging-link owner rows older than HAPI's stored searches serve nothing. */
	@Bean
	public PagingOwnerRetention pagingOwnerRetention(SearchOwners owners) {
		return new PagingOwnerRetention(owners);
	}

	public static class PagingOwnerRetention {
		private final SearchOwners owners;

		PagingOwnerRetention(SearchOwners owners) {
			this.owners = owners;
		}

		@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
		public void forgetExpired() {
			owners.forgetCreatedBefore(Instant.now().minus(Duration.ofDays(1)));
		}
	}
}
