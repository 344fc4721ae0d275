package io.smartvitals.server.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.smartvitals.smart.auth.authorize.ApprovalSubmission;
import io.smartvitals.smart.auth.authorize.AuthorizationResponseRedirects;
import io.smartvitals.smart.auth.authorize.PostedAuthorizationRequest;
import org.springframework.security.web.csrf.CsrfFilter;
import io.smartvitals.smart.auth.authorize.LaunchAdmission;
import io.smartvitals.smart.auth.authorize.PatientChoice;
import io.smartvitals.smart.auth.authorize.SmartAuthorizationRequestValidator;
import io.smartvitals.smart.auth.authorize.SmartConsentConverter;
import io.smartvitals.smart.auth.authorize.SmartConsentCustomizer;
import io.smartvitals.smart.auth.client.ClientRegistry;
import io.smartvitals.smart.auth.client.ClientSecrets;
import io.smartvitals.smart.auth.client.TenantRegisteredClients;
import io.smartvitals.smart.auth.keys.TenantSigningKeys;
import io.smartvitals.smart.auth.server.AccessTokenRevocations;
import io.smartvitals.smart.auth.server.PrincipalRevocations;
import io.smartvitals.smart.auth.server.NoRememberedConsents;
import io.smartvitals.smart.auth.server.TenantIssuer;
import io.smartvitals.smart.auth.server.TenantIssuerFilter;
import io.smartvitals.smart.auth.server.AuthorizationJson;
import io.smartvitals.smart.auth.people.PeopleComponents;
import io.smartvitals.smart.auth.directory.PatientDirectory;
import io.smartvitals.smart.auth.directory.PatientSummary;
import io.smartvitals.smart.auth.launch.LaunchContext;
import io.smartvitals.smart.auth.login.TenantUserAuthentication;
import io.smartvitals.smart.auth.users.UserKind;
import io.smartvitals.smart.auth.users.UserRole;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import io.smartvitals.smart.auth.server.TenantAccessTokenDecoder;
import io.smartvitals.smart.auth.server.TenantScopedAuthorizationService;
import io.smartvitals.smart.auth.token.ClientAssertionAuthenticationConverter;
import io.smartvitals.smart.auth.token.ClientAssertionDecoders;
import io.smartvitals.smart.auth.token.ClientAssertionReplayCache;
import io.smartvitals.smart.auth.token.ClientAuthenticationFailureHandler;
import io.smartvitals.smart.auth.token.ClientLogContext;
import io.smartvitals.smart.auth.token.PublicClientRefresh;
import io.smartvitals.smart.auth.token.RefreshScopeSpelling;
import io.smartvitals.smart.auth.token.RefreshTokenClientBinding;
import io.smartvitals.smart.auth.token.ClientKeySources;
import io.smartvitals.smart.auth.token.SmartContext;
import io.smartvitals.smart.auth.token.SmartContextResolver;
import io.smartvitals.smart.auth.token.SmartRefreshTokenGenerator;
import io.smartvitals.smart.auth.token.SmartTokenCustomizer;
import io.smartvitals.smart.auth.token.SmartTokenResponse;
import io.smartvitals.smart.auth.token.TenantJwtEncoder;
import io.smartvitals.tenants.resolve.TenantResolver;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2PushedAuthorizationRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AccessTokenResponseAuthenticationSuccessHandler;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AuthorizationConsentAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ErrorAuthenticationFailureHandler;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import io.smartvitals.audit.AuditTrail;
import io.smartvitals.audit.http.RefusalEvidence;
import io.smartvitals.smart.auth.evidence.TokenEvidence;
import io.smartvitals.smart.auth.pages.CsrfRefusal;
import io.smartvitals.smart.auth.server.ExpiredAuthorizationState;
import io.smartvitals.smart.auth.token.BackendScopeRequest;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Each tenant's authorization server: Spring Authorization Server with one issuer per tenant
 * ({@code /auth/{tenant}}), wired to the SMART pieces in smart-auth. Every customisation is a
 * typed hook of Spring Authorization Server; nothing of it is forked.
 */
@Configuration
public class AuthorizationServerConfiguration {

	@Bean
	public Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	public AuthorizationServerSettings authorizationServerSettings() {
		return AuthorizationServerSettings.builder()
				.multipleIssuersAllowed(true)
				.authorizationEndpoint("/authorize")
				.pushedAuthorizationRequestEndpoint("/par")
				.tokenEndpoint("/token")
				.jwkSetEndpoint("/jwks")
				.tokenIntrospectionEndpoint("/introspect")
				.tokenRevocationEndpoint("/revoke")
				.oidcUserInfoEndpoint("/userinfo")
				.oidcLogoutEndpoint("/logout")
				.oidcClientRegistrationEndpoint("/connect/register")
				.deviceAuthorizationEndpoint("/device_authorization")
				.deviceVerificationEndpoint("/device_verification")
				.build();
	}

	@Bean
	public PrincipalRevocations principalRevocations(JdbcTemplate jdbc, Clock clock, io.smartvitals.tenants.registry.TenantRegistry tenants,
			MeterRegistry meters) {
		PrincipalRevocations revocations = new PrincipalRevocations(jdbc, clock,
				kind -> meters.counter("vitals.revocations", "kind", kind).increment());
		// Tokens issued before a suspension stay dead after the tenant resumes.
		tenants.onSuspended(id -> revocations.revokeTenant(id.value(), "tenant suspended"));
		return revocations;
	}

	@Bean
	public ClientRegistry clientRegistry(
			JdbcTemplate jdbc, Clock clock, PrincipalRevocations revocations,
			TokenSettings settings) {
		return new ClientRegistry(jdbc, clock, settings.clientMaxLifetime(), revocations);
	}

	@Bean
	public TenantRegisteredClients registeredClients(
			ClientRegistry registry, Clock clock,
			TokenSettings settings) {
		return new TenantRegisteredClients(registry, clock, new TenantRegisteredClients.Lifetimes(settings.accessTokenLifetime(),
				settings.backendAccessTokenLifetime(), settings.refreshTokenLifetime(), settings.authorizationCodeLifetime()));
	}

	@Bean
	public AccessTokenRevocations accessTokenRevocations(JdbcTemplate jdbc, Clock clock) {
		return new AccessTokenRevocations(jdbc, clock);
	}

	@Bean
	public ExpiredAuthorizationState expiredAuthorizationState(AccessTokenRevocations revocations,
			ClientAssertionReplayCache replayCache, PeopleComponents people, Clock clock) {
		return new ExpiredAuthorizationState(revocations, replayCache, people.launches(), clock);
	}

	@Bean
	public TenantScopedAuthorizationService authorizationService(
			JdbcTemplate jdbc, TenantRegisteredClients clients, ClientRegistry registry, AccessTokenRevocations revocations,
			PrincipalRevocations principals, PeopleComponents people, Clock clock) {
		return new TenantScopedAuthorizationService(
				AuthorizationJson.store(jdbc, clients), registry, revocations, principals,
				(tenant, username) -> people.users().find(tenant, username).filter(u -> !u.disabled()).isPresent(), jdbc, clock);
	}

	@Bean
	public ClientAssertionReplayCache clientAssertionReplayCache(JdbcTemplate jdbc, Clock clock) {
		return new ClientAssertionReplayCache(jdbc, clock);
	}

	@Bean
	public ClientAssertionDecoders clientAssertionDecoders(ClientRegistry registry,
			ClientAssertionReplayCache replayCache, Clock clock, TokenSettings settings) {
		return new ClientAssertionDecoders(registry, new ClientKeySources(Duration.ofMinutes(5)), replayCache,
				() -> TenantIssuer.current().tokenEndpoint(), clock, settings.clockSkew());
	}

	@Bean
	public TenantAccessTokenDecoder tenantAccessTokenDecoder(TenantSigningKeys keys) {
		return new TenantAccessTokenDecoder(keys);
	}

	/**
	 * The launch context of a user token: the EHR launch this client claimed, else the patient picked
	 * on the approval page, else a patient user's own record; fhirUser is the signed-in user's.
	 */
	@Bean
	public SmartContextResolver smartContextResolver(PeopleComponents people, ClientRegistry registry) {
		return (tenant, authorization, user, scopes) -> {
			if (!(user instanceof TenantUserAuthentication person) || authorization == null) {
				return SmartContext.NONE;
			}
			OAuth2AuthorizationRequest request = authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
			Object launch = request == null ? null : request.getAdditionalParameters().get("launch");
			String clientId = registry.findById(authorization.getRegisteredClientId()).map(c -> c.clientId()).orElse(null);
			String patient = null;
			String encounter = null;
			if (launch instanceof String value) {
				Optional<LaunchContext> context = people.launches().claimedBy(tenant, value, clientId);
				patient = context.map(LaunchContext::patient).orElse(null);
				encounter = context.map(LaunchContext::encounter).orElse(null);
			} else if (authorization.getAttribute(TenantScopedAuthorizationService.PICKED_PATIENT) != null) {
				patient = authorization.getAttribute(TenantScopedAuthorizationService.PICKED_PATIENT);
			}
			if (person.kind() == UserKind.PATIENT) {
				patient = person.ownPatientId();
			}
			return new SmartContext(patient, encounter, person.fhirUser());
		};
	}

	/**
	 * A launch is claimed by the first authorization request that names it, re-admitted for the same
	 * client (it comes back after login) until it expires or an approval uses it up for a code.
	 */
	@Bean
	public LaunchAdmission launchAdmission(PeopleComponents people) {
		return new LaunchAdmission() {
			@Override
			public boolean admits(String tenant, String launch, String clientId) {
				return people.launches().claim(tenant, launch, clientId).isPresent()
						|| people.launches().readmits(tenant, launch, clientId);
			}

			@Override
			public boolean useForCode(String tenant, String launch, String clientId) {
				return people.launches().useForCode(tenant, launch, clientId);
			}
		};
	}

	@Bean
	public PatientChoice patientChoice(PatientDirectory patients) {
		return (tenant, user, picked) -> {
			if (!(user instanceof TenantUserAuthentication person) || !person.belongsTo(tenant)) {
				return Optional.empty();
			}
			if (person.kind() == UserKind.PATIENT) {
				return Optional.ofNullable(person.ownPatientId());
			}
			return picked == null ? Optional.empty() : patients.get(tenant, person.fhirUser(), picked).map(PatientSummary::id);
		};
	}

	@Bean
	@Order(1)
	public SecurityFilterChain authorizationServerChain(
			HttpSecurity http,
			AuthorizationServerSettings settings,
			TenantRegisteredClients clients,
			ClientRegistry registry,
			TenantScopedAuthorizationService authorizations,
			ClientAssertionDecoders decoders,
			TenantSigningKeys keys,
			TenantResolver tenants,
			SmartContextResolver contexts,
			LaunchAdmission launches,
			PatientChoice patients,
			PeopleComponents people,
			Clock clock,
			AuditTrail auditTrail,
			RefusalEvidence refusals,
			TokenSettings tokenSettings) throws Exception {
		Duration onlineRefresh = tokenSettings.onlineRefreshTokenLifetime();
		Duration offlineRefresh = tokenSettings.refreshTokenLifetime();
		Predicate<String> activeTenant = tenants::servable;
		AuthorizationResponseRedirects redirects = new AuthorizationResponseRedirects(clients);
		SmartAuthorizationRequestValidator requestValidator = new SmartAuthorizationRequestValidator(launches);
		SmartConsentConverter consentConverter = new SmartConsentConverter(authorizations,
				(tenant, username) -> people.users().hasRole(tenant, username, UserRole.AUDITOR));
		SmartConsentCustomizer consentCustomizer = new SmartConsentCustomizer(patients, launches);
		TokenEvidence evidence = new TokenEvidence(auditTrail, clock);

		OAuth2AuthorizationServerConfigurer sas = OAuth2AuthorizationServerConfigurer.authorizationServer();
		http.securityMatcher("/auth/**")
				.with(sas, as -> as
						.authorizationServerSettings(settings)
						.registeredClientRepository(clients)
						.authorizationService(authorizations)
						.authorizationConsentService(new NoRememberedConsents())
						.tokenGenerator(tokenGenerator(keys, contexts, clock, offlineRefresh, onlineRefresh))
						.clientAuthentication(ca -> ca
								.authenticationConverters(list -> {
									list.add(0, new ClientAssertionAuthenticationConverter());
									list.add(1, PublicClientRefresh.converter());
								})
								.authenticationProviders(providers -> {
									providers.add(0, PublicClientRefresh.provider(clients));
									providers.forEach(p -> {
										if (p instanceof JwtClientAssertionAuthenticationProvider jwt) {
											jwt.setJwtDecoderFactory(decoders);
										}
										if (p instanceof ClientSecretAuthenticationProvider secret) {
											secret.setPasswordEncoder(new ClientSecrets());
										}
									});
								})
								.errorResponseHandler(noStore(evidence.recordingClientFailures(new ClientAuthenticationFailureHandler()))))
						.authorizationEndpoint(ae -> ae
								.consentPage(TenantIssuerFilter.CONSENT_PAGE)
								.authorizationRequestConverters(list -> list.replaceAll(
										c -> c instanceof OAuth2AuthorizationConsentAuthenticationConverter ? consentConverter : c))
								.authenticationProviders(providers -> providers.forEach(p -> {
									if (p instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider code) {
										code.setAuthenticationValidator(requestValidator);
									}
									if (p instanceof OAuth2AuthorizationConsentAuthenticationProvider consent) {
										consent.setAuthorizationConsentCustomizer(consentCustomizer);
									}
								}))
								.authorizationResponseHandler(redirects)
								.errorResponseHandler(redirects))
						.pushedAuthorizationRequestEndpoint(par -> par.authenticationProviders(providers -> providers.forEach(p -> {
							if (p instanceof OAuth2PushedAuthorizationRequestAuthenticationProvider pushed) {
								pushed.setAuthenticationValidator(requestValidator);
							}
						})))
						.tokenEndpoint(te -> te
								.accessTokenRequestConverters(list -> list.add(0, new RefreshScopeSpelling(authorizations)))
								.accessTokenResponseHandler(tokenResponse(registry))
								.errorResponseHandler(noStore(new OAuth2ErrorAuthenticationFailureHandler()))
								.authenticationProviders(providers -> {
									providers.add(0, new RefreshTokenClientBinding(authorizations));
									providers.forEach(p -> {
										if (p instanceof OAuth2ClientCredentialsAuthenticationProvider cc) {
											cc.setAuthenticationValidator(new BackendScopeRequest());
										}
									});
									// Wrapped last: each grant, refresh and refusal is on the audit trail before the response.
									providers.replaceAll(evidence::recording);
								}))
						.tokenIntrospectionEndpoint(ie -> ie.authenticationProviders(providers -> providers.replaceAll(evidence::recording)))
						.tokenRevocationEndpoint(re -> re.authenticationProviders(providers -> providers.replaceAll(evidence::recording)))
						.oidc(oidc -> oidc.providerConfigurationEndpoint(pc -> pc.providerConfigurationCustomizer(c -> c
								.tokenEndpointAuthenticationMethods(m -> {
									m.clear();
									m.addAll(List.of("client_secret_basic", "private_key_jwt", "none"));
								})
								.claim("token_endpoint_auth_signing_alg_values_supported", List.of("RS384", "ES384"))
								.claim("code_challenge_methods_supported", List.of("S256"))))))
				.authorizeHttpRequests(authorize -> authorize
						.requestMatchers(new AntPathRequestMatcher("/auth/*/authorize")).access((authentication, context) ->
								new AuthorizationDecision(authentication.get() instanceof TenantUserAuthentication user
										&& TenantIssuer.tenantSegment(context.getRequest()).map(user::belongsTo).orElse(false)))
						.anyRequest().permitAll())
				// Not signed in, or signed in at another tenant: this tenant's login page.
				.exceptionHandling(e -> e
						.authenticationEntryPoint((request, response, ex) -> toLogin(request, response))
						.accessDeniedHandler((request, response, ex) -> {
							new org.springframework.security.web.savedrequest.HttpSessionRequestCache().saveRequest(request, response);
							toLogin(request, response);
						}))
				.cors(cors -> cors.configurationSource(authCors()))
				.addFilterAfter(ApprovalSubmission.csrfFilter(new CsrfRefusal(refusals)), CsrfFilter.class)
				.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
				.addFilterAfter(new TenantIssuerFilter(settings, activeTenant, refusals), LogoutFilter.class)
				// After client authentication, before the token and introspection endpoints.
				.addFilterBefore(new ClientLogContext(), AuthorizationFilter.class);
		return http.build();
	}

	private static void toLogin(jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response) throws java.io.IOException {
		Optional<String> asGet = PostedAuthorizationRequest.asGet(request);
		if (asGet.isPresent()) {
			response.setStatus(HttpServletResponse.SC_SEE_OTHER);
			response.setHeader("Location", asGet.get());
			return;
		}
		String tenant = TenantIssuer.tenantSegment(request).orElse("");
		response.sendRedirect(request.getContextPath() + "/auth/" + tenant + "/login");
	}

	/**
	 * Everything outside {@code /auth}: the FHIR API and admin API carry their own checks, so this
	 * chain keeps only the firewall and the security headers. Each filter it would otherwise run
	 * (authorization of a permit-all, session management, logout, exception translation) cost CPU
	 * on every FHIR request for nothing (issue 22's profile).
	 */
	@Bean
	@Order(2)
	public SecurityFilterChain applicationChain(HttpSecurity http) throws Exception {
		http.securityMatcher("/**")
				.csrf(c -> c.disable())
				.sessionManagement(s -> s.disable())
				.requestCache(r -> r.disable())
				.securityContext(c -> c.disable())
				.anonymous(a -> a.disable())
				.logout(l -> l.disable())
				.exceptionHandling(e -> e.disable())
				.servletApi(a -> a.disable());
		return http.build();
	}

	/**
	 * No Micrometer observation per security filter: with it, every FHIR request started and
	 * stopped a long-task timer for each filter of its chain, a third of the request's CPU outside
	 * HAPI (issue 22's profile). HTTP request metrics ({@code http.server.requests}) stay.
	 */
	@Bean
	public org.springframework.security.config.observation.SecurityObservationSettings securityObservations() {
		return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
	}

	private static OAuth2TokenGenerator<?> tokenGenerator(
			TenantSigningKeys keys, SmartContextResolver contexts, Clock clock, Duration offline, Duration online) {
		JwtGenerator jwt = new JwtGenerator(new TenantJwtEncoder(keys));
		jwt.setJwtCustomizer(new SmartTokenCustomizer(contexts));
		return new DelegatingOAuth2TokenGenerator(jwt, new SmartRefreshTokenGenerator(clock, offline, online));
	}

	private static org.springframework.security.web.authentication.AuthenticationSuccessHandler tokenResponse(ClientRegistry registry) {
		OAuth2AccessTokenResponseAuthenticationSuccessHandler handler = new OAuth2AccessTokenResponseAuthenticationSuccessHandler();
		handler.setAccessTokenResponseCustomizer(new SmartTokenResponse());
		return (request, response, authentication) -> {
			if (authentication instanceof OAuth2AccessTokenAuthenticationToken issued) {
				// The registration's last-used time, for operators reviewing idle clients.
				registry.markUsed(issued.getRegisteredClient().getId());
			}
			noStoreHeaders(response);
			handler.onAuthenticationSuccess(request, response, authentication);
		};
	}

	private static org.springframework.security.web.authentication.AuthenticationFailureHandler noStore(
			org.springframework.security.web.authentication.AuthenticationFailureHandler delegate) {
		return (request, response, exception) -> {
			noStoreHeaders(response);
			delegate.onAuthenticationFailure(request, response, exception);
		};
	}

	private static void noStoreHeaders(HttpServletResponse response) {
		response.setHeader("Cache-Control", "no-store");
		response.setHeader("Pragma", "no-cache");
	}

	/** Browser apps call the token, introspection and revocation endpoints and read keys and metadata; never /authorize or pages. */
	private static UrlBasedCorsConfigurationSource authCors() {
		CorsConfiguration cors = new CorsConfiguration();
		cors.addAllowedOriginPattern("*");
		cors.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
		cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept"));
		cors.setMaxAge(3600L);
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		for (String path : List.of("/auth/*/token", "/auth/*/introspect", "/auth/*/revoke", "/auth/*/jwks",
				"/auth/*/.well-known/openid-configuration", "/auth/*/smart-style.json")) {
			source.registerCorsConfiguration(path, cors);
		}
		return source;
	}
}
