package io.smartvitals.server.bulk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Output files live for a configurable time after they were written (per tenant, with a
 * default); then the sweep deletes them and the job's status and file URLs answer 404.
 */
public class ExportExpiry {

	private static final Logger log = LoggerFactory.getLogger(ExportExpiry.class);

	private final ExportFileLedger ledger;
	private final ExportFiles files;
	private final Duration defaultRetention;
	private final Map<String, Duration> retentionByTenant;
	private final Clock clock;

	public ExportExpiry(ExportFileLedger ledger, ExportFiles files, Duration defaultRetention,
			Map<String, Duration> retentionByTenant, Clock clock) {
		this.ledger = ledger;
		this.files = files;
		this.defaultRetention = defaultRetention;
		this.retentionByTenant = Map.copyOf(retentionByTenant);
		this.clock = clock;
	}

	public Duration retention(String tenant) {
		return tenant == null ? defaultRetention : retentionByTenant.getOrDefault(tenant, defaultRetention);
	}

	/** Whether a job that ended at {@code ended} has outlived its files. */
	public boolean expired(String tenant, Instant ended) {
		return ended != null && ended.plus(retention(tenant)).isBefore(clock.instant());
	}

	public void sweep() {
		Instant now = clock.instant();
		Duration shortest = retentionByTenant.values().stream().reduce(defaultRetention, (a, b) -> a.compareTo(b) < 0 ? a : b);
		int deleted = 0;
		List<ExportFileLedger.ExportFile> candidates;
		do {
			candidates = ledger.createdBefore(now.minus(shortest), 200);
			int before = deleted;
			for (ExportFileLedger.ExportFile file : candidates) {
				if (file.createdAt().plus(retention(file.tenant())).isBefore(now)) {
					files.delete(file.binaryId());
					deleted++;
				}
			}
			if (deleted == before) {
				break;
			}
		} while (candidates.size() == 200);
		if (deleted > 0) {
			log.info("Deleted {} expired bulk export file(s)", deleted);
		}
	}
}
