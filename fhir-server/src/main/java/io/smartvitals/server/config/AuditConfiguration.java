package io.smartvitals.server.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.smartvitals.server.metrics.AuditRecordMeters;
import io.smartvitals.server.metrics.MeteredAuditTrail;
import io.smartvitals.server.metrics.TenantTag;
import io.smartvitals.server.secrets.KeyEncryptionKeySource;
import io.smartvitals.server.storage.TenantScopedDataSource;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import io.smartvitals.audit.AuditTrail;
import io.smartvitals.audit.admin.AuditAdminController;
import io.smartvitals.audit.admin.AuditAdministration;
import io.smartvitals.audit.chain.CheckpointSigner;
import io.smartvitals.audit.chain.HmacCheckpointSigner;
import io.smartvitals.audit.fhir.AuditEventMapper;
import io.smartvitals.audit.fhir.AuditEventProvider;
import io.smartvitals.audit.fhir.AuditEventReadOnly;
import io.smartvitals.audit.fhir.AuditReadAccess;
import io.smartvitals.audit.fhir.ChangeAuditInterceptor;
import io.smartvitals.audit.fhir.FhirRequestAuditInterceptor;
import io.smartvitals.interceptors.access.RequestFacts;
import io.smartvitals.audit.http.AdminAuditFilter;
import io.smartvitals.audit.http.ConnectorRefusals;
import io.smartvitals.audit.http.RefusalEvidence;
import io.smartvitals.audit.http.RequestIdFilter;
import io.smartvitals.audit.record.Actor;
import io.smartvitals.audit.record.AuditAction;
import io.smartvitals.audit.record.AuditRecord;
import io.smartvitals.audit.record.SecurityEvent;
import io.smartvitals.audit.store.AuditOutbox;
import io.smartvitals.audit.store.AuditStore;
import io.smartvitals.audit.store.ChainWriter;
import io.smartvitals.audit.write.AuditChainer;
import io.smartvitals.audit.write.AuditOff;
import io.smartvitals.audit.write.GroupCommitAuditTrail;
import io.smartvitals.audit.write.ReadCommit;
import io.smartvitals.interceptors.token.AccessTokenVerifier;
import io.smartvitals.interceptors.token.TokenVerdict;
import io.smartvitals.tenants.registry.TenantRegistry;
import io.smartvitals.tenants.resolve.TenantResolver;
import io.smartvitals.smart.model.endpoints.TenantEndpoints;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Audit evidence: the durable trail (group commit straight into the chains; writes' records through
 * the outbox, in the write's own transaction, chained in the background), the
 * FHIR request and write hooks, the AuditEvent endpoint, request ids, the admin-call recorder and
 * the operator's audit API.
 */
@Configuration
public class AuditConfiguration {

	private static final Logger log = LoggerFactory.getLogger(AuditConfiguration.class);

	@Bean
	public AuditStore auditStore(DataSource dataSource) {
		return new AuditStore(dataSource);
	}

	@Bean
	public AuditOutbox auditOutbox(DataSource dataSource) {
		return new AuditOutbox(dataSource);
	}

	/**
	 * Chains outbox records in the background (at once on start: whatever a crash left) and before
	 * every read of a chain.
	 */
	@Bean
	public AuditChainer auditChainer(
			AuditOutbox outbox, AuditSettings settings) {
		return new AuditChainer(outbox, settings.chainBatch(), settings.chainInterval()).start();
	}

	/** The node's writer into the chains: it remembers the chain heads it left, so a commit need not re-read them. */
	@Bean
	public ChainWriter auditChainWriter(DataSource dataSource) {
		// A request's thread chains every tenant's queued records (group commit): not row-scoped.
		return new ChainWriter(TenantScopedDataSource.serverScoped(dataSource));
	}

	/** How reads' records are committed; the trail applies it, and a start with it is recorded. */
	@Bean
	public ReadCommit auditReadCommit(AuditSettings settings) {
		return ReadCommit.parse(settings.readCommit());
	}

	/** Closed at shutdown (Spring infers {@code close()}): later records fail their requests. */
	@Bean
	public AuditTrail auditTrail(
			ChainWriter chainWriter,
			AuditSettings settings,
			ReadCommit reads,
			MeterRegistry meters,
			TenantTag tenantTag) {
		if (!settings.enabled()) {
			if (!settings.allowDisabled()) {
				throw new IllegalStateException("vitals.audit.enabled=false needs vitals.audit.allow-disabled=true:"
						+ " without audit, access to patient data leaves no evidence (benchmark baselines only)");
			}
			log.warn("AUDIT IS OFF (vitals.audit.enabled=false): FHIR requests and admin calls leave no audit records");
			return new AuditOff();
		}
		if (reads == ReadCommit.ASYNCHRONOUS) {
			log.warn("vitals.audit.read-commit=asynchronous: records of FHIR reads and searches are committed without waiting for"
					+ " PostgreSQL's flush to disk; a crash of the database host can lose the last moments of them");
		}
		GroupCommitAuditTrail trail = new GroupCommitAuditTrail(chainWriter, settings.maxBatch(), settings.commitTimeout(), reads);
		return new MeteredAuditTrail(trail, new AuditRecordMeters(meters, tenantTag), meters);
	}

	/** Checkpoints are signed with a key derived from the key-encryption key (the same secret on every node). */
	@Bean
	public CheckpointSigner checkpointSigner(KeyEncryptionKeySource kek) {
		String secret = kek.base64();
		try {
			return new HmacCheckpointSigner(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	@Bean
	public AuditEventMapper auditEventMapper() {
		return new AuditEventMapper("smart-vitals");
	}

	/** Suspended tenants are known (their refused requests go to their own chain); unknown ones go to the server chain. */
	private static Predicate<String> knownTenant(TenantResolver resolver) {
		return resolver::known;
	}

	@Bean
	public AuditAdministration auditAdministration(
			AuditStore store, AuditChainer chainer, CheckpointSigner signer, AuditEventMapper mapper, FhirContext fhir,
			AuditSettings settings) {
		return new AuditAdministration(store, chainer, signer, mapper, fhir, Duration.ofDays(settings.retentionDays()), Clock.systemUTC());
	}

	@Bean
	public AuditAdminController auditAdminController(AuditAdministration administration, TenantResolver resolver) {
		return new AuditAdminController(administration, knownTenant(resolver));
	}

	/**
	 * Until the enforcement interceptors put the verified token's scopes into userData, AuditEvent
	 * verifies the bearer token itself, so the endpoint is closed on its own.
	 */
	@Bean
	public AuditReadAccess auditReadAccess(AccessTokenVerifier verifier) {
		return new AuditReadAccess(request -> scopesOf(request, verifier));
	}

	private static Optional<String> scopesOf(RequestDetails request, AccessTokenVerifier verifier) {
		String fromEnforcement = RequestFacts.scopes(request);
		if (fromEnforcement != null) {
			return Optional.of(fromEnforcement);
		}
		String header = request.getHeader("Authorization");
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return Optional.empty();
		}
		Optional<TenantEndpoints> endpoints = TenantEndpoints.fromFhirBase(request.getFhirServerBase(), request.getTenantId());
		if (endpoints.isEmpty()) {
			return Optional.empty();
		}
		TokenVerdict verdict = verifier.verify(header.substring(7).strip(), request.getTenantId(),
				endpoints.get().issuer(), endpoints.get().fhirBase());
		return verdict instanceof TokenVerdict.Valid valid ? Optional.of(String.join(" ", scopeTexts(valid))) : Optional.empty();
	}

	private static List<String> scopeTexts(TokenVerdict.Valid valid) {
		List<String> texts = new ArrayList<>();
		valid.scopes().resourceScopes().forEach(s -> texts.add(s.text()));
		texts.addAll(valid.scopes().otherScopes());
		return texts;
	}

	/** Registers the FHIR side on the RestfulServer (and the read-only guard on HAPI's storage too). */
	@Bean
	public FhirRequestAuditInterceptor fhirRequestAuditInterceptor(
			RestfulServer server,
			IInterceptorService storageInterceptors,
			AuditTrail trail,
			FhirContext fhir,
			TenantResolver resolver,
			AuditStore store,
			AuditOutbox outbox,
			AuditChainer chainer,
			AuditEventMapper mapper,
			AuditReadAccess access,
			VitalsProperties properties) {
		FhirRequestAuditInterceptor interceptor = new FhirRequestAuditInterceptor(trail, fhir, knownTenant(resolver), Clock.systemUTC());
		if (trail.enabled()) {
			server.registerInterceptor(interceptor);
			// Storage hooks: a write's record joins the write's transaction.
			storageInterceptors.registerInterceptor(
					new ChangeAuditInterceptor(outbox, fhir, knownTenant(resolver), Clock.systemUTC()));
		}
		AuditEventReadOnly readOnly = new AuditEventReadOnly();
		server.registerInterceptor(readOnly);
		storageInterceptors.registerInterceptor(readOnly);
		server.registerProvider(new AuditEventProvider(store, chainer, mapper, access, properties.defaultPageSize(), properties.maxPageSize()));
		return interceptor;
	}

	@Bean
	public FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
		FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
		registration.addUrlPatterns("/*");
		registration.setOrder(ServletFilterOrder.REQUEST_ID.order());
		return registration;
	}

	/** For the guards that refuse requests before HAPI or an /auth endpoint sees them (WebConfiguration, TenantIssuerFilter). */
	@Bean
	public RefusalEvidence refusalEvidence(AuditTrail trail, TenantResolver resolver) {
		return new RefusalEvidence(trail, knownTenant(resolver), Clock.systemUTC());
	}

	/** For requests Tomcat refuses before any filter runs (WebConfiguration's engine access log). */
	@Bean
	public ConnectorRefusals connectorRefusals(RefusalEvidence evidence) {
		return new ConnectorRefusals(evidence);
	}

	/** In front of the operator-token filter, so refused admin calls are recorded too. */
	@Bean
	public FilterRegistrationBean<AdminAuditFilter> adminAuditFilter(
			AuditTrail trail, AuditOutbox outbox, PlatformTransactionManager transactions, TenantResolver resolver) {
		FilterRegistrationBean<AdminAuditFilter> registration = new FilterRegistrationBean<>(
				new AdminAuditFilter(trail, outbox, transactions, knownTenant(resolver), Clock.systemUTC()));
		registration.addUrlPatterns("/admin/*");
		registration.setOrder(ServletFilterOrder.ADMIN_AUDIT.order());
		return registration;
	}

	/**
	 * Switching enforcement or audit off, or letting reads' records skip the flush, is itself evidence: recorded at start in the server chain and in every tenant's chain (audit off is
	 * written straight to the store, once, since the trail is off).
	 */
	@Bean
	public ApplicationRunner auditSwitchesAtStart(
			AuditTrail trail,
			AuditStore store,
			TenantRegistry registry,
			EnforcementSettings enforcementSettings,
			ReadCommit reads) {
		boolean enforcement = enforcementSettings.enforcement().enabled();
		return args -> {
			List<String> chains = new ArrayList<>();
			chains.add(AuditRecord.SERVER_CHAIN);
			registry.list().forEach(t -> chains.add(t.id().value()));
			if (!enforcement && trail.enabled()) {
				recordInEvery(trail, chains, AuditAction.ENFORCEMENT_DISABLED, "vitals.enforcement.enabled=false");
			}
			if (reads == ReadCommit.ASYNCHRONOUS && trail.enabled()) {
				recordInEvery(trail, chains, AuditAction.AUDIT_READS_ASYNCHRONOUS, "vitals.audit.read-commit=asynchronous");
			}
			if (!trail.enabled()) {
				List<AuditRecord> records = new ArrayList<>();
				for (String chain : chains) {
					records.add(startSetting(AuditAction.AUDIT_DISABLED, chain, "vitals.audit.enabled=false"));
				}
				store.append(records);
			}
		};
	}

	private static void recordInEvery(AuditTrail trail, List<String> chains, AuditAction action, String setting) {
		for (String chain : chains) {
			trail.record(startSetting(action, chain, setting));
		}
	}

	private static AuditRecord startSetting(AuditAction action, String chain, String setting) {
		return SecurityEvent.of(action, chain).actor(Actor.operator()).rule(setting)
				.detail(setting + " at server start").build();
	}
}
