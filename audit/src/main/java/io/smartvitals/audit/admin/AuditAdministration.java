package io.smartvitals.audit.admin;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import io.smartvitals.audit.chain.ChainVerification;
import io.smartvitals.audit.chain.ChainVerifier;
import io.smartvitals.audit.chain.CheckpointSigner;
import io.smartvitals.audit.fhir.AuditEventMapper;
import io.smartvitals.audit.store.AuditStore;
import io.smartvitals.audit.store.PurgeResult;
import io.smartvitals.audit.write.AuditChainer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Verify, export, retention and purge of one tenant's chain, as plain Java behind the admin controller. */
public class AuditAdministration {

	private final AuditStore store;
	private final AuditChainer chainer;
	private final ChainVerifier verifier;
	private final CheckpointSigner signer;
	private final AuditEventMapper mapper;
	private final FhirContext fhir;
	private final Duration defaultRetention;
	private final Clock clock;

	public AuditAdministration(AuditStore store, AuditChainer chainer, CheckpointSigner signer, AuditEventMapper mapper,
			FhirContext fhir, Duration defaultRetention, Clock clock) {
		this.store = store;
		this.chainer = chainer;
		this.verifier = new ChainVerifier(signer);
		this.signer = signer;
		this.mapper = mapper;
		this.fhir = fhir;
		this.defaultRetention = defaultRetention;
		this.clock = clock;
	}

	/** Records still in the outbox are chained first: a check must cover every durable record. */
	public ChainVerification verify(String tenant) throws SQLException {
		chainer.drain();
		return store.verify(tenant, verifier);
	}

	/** Writes the tenant's records in [from, to) as NDJSON AuditEvents (one per line), streamed. */
	public long export(String tenant, Instant from, Instant to, OutputStream out) throws SQLException {
		IParser parser = fhir.newJsonParser().setPrettyPrint(false);
		long[] count = {0};
		chainer.drain();
		store.stream(tenant, from, to, record -> {
			try {
				out.write(parser.encodeResourceToString(mapper.toAuditEvent(record)).getBytes(StandardCharsets.UTF_8));
				out.write('\n');
				count[0]++;
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		});
		return count[0];
	}

	public Duration retention(String tenant) throws SQLException {
		return store.retentionDays(tenant).map(Duration::ofDays).orElse(defaultRetention);
	}

	public void setRetentionDays(String tenant, Integer days) throws SQLException {
		if (days != null && (days < 0 || days > 36_500)) {
			throw new IllegalArgumentException("days must be between 0 and 36500, or null for the default");
		}
		store.setRetentionDays(tenant, days);
	}

	/** Purges what the tenant's retention allows; refuses (nothing purged) when the chain does not verify. */
	public PurgeResult purge(String tenant) throws SQLException {
		Instant cutoff = clock.instant().minus(retention(tenant));
		chainer.drain();
		return store.purge(tenant, cutoff, verifier, signer);
	}
}
