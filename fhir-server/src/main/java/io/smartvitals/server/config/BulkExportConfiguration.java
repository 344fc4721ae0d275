package io.smartvitals.server.config;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import ca.uhn.fhir.batch2.jobs.export.BulkDataExportSupport;
import ca.uhn.fhir.batch2.jobs.export.BulkExportJobService;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.partition.IPartitionLookupSvc;
import ca.uhn.fhir.jpa.partition.IRequestPartitionHelperSvc;
import ca.uhn.fhir.jpa.searchparam.matcher.SearchParamMatcher;
import ca.uhn.fhir.rest.api.server.bulk.BulkExportJobParameters;
import io.micrometer.core.instrument.MeterRegistry;
import io.smartvitals.interceptors.bulk.ExportLimits;
import io.smartvitals.interceptors.consent.TenantConsents;
import io.smartvitals.interceptors.enforce.ResourceAccess;
import io.smartvitals.server.access.HapiCareDirectory;
import io.smartvitals.server.access.HapiGranularQueryMatcher;
import io.smartvitals.server.access.TenantStorage;
import io.smartvitals.server.bulk.BulkExportOperations;
import io.smartvitals.server.bulk.ExportExpiry;
import io.smartvitals.server.bulk.ExportFileLedger;
import io.smartvitals.server.bulk.ExportFileRecorder;
import io.smartvitals.server.bulk.ExportFiles;
import io.smartvitals.interceptors.bulk.ExportInclusion;
import io.smartvitals.server.bulk.ExportJobTenancy;
import io.smartvitals.server.bulk.ExportJobs;
import io.smartvitals.interceptors.bulk.PollPacing;
import io.smartvitals.server.metrics.TenantTag;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Bulk Data $export (issue 5) over HAPI's Batch2 bulk export job (imported with
 * {@code Batch2JobsConfig} in {@link HapiJpaConfiguration}); the operations are registered on the
 * RestfulServer by {@link FhirEndpointConfiguration}.
 */
@Configuration
public class BulkExportConfiguration {

	private static final Logger log = LoggerFactory.getLogger(BulkExportConfiguration.class);

	@Bean
	public ExportFileLedger exportFileLedger(JdbcTemplate jdbc) {
		return new ExportFileLedger(jdbc);
	}

	@Bean
	public ExportJobs exportJobs(IJobCoordinator coordinator) {
		return new ExportJobs(coordinator);
	}

	@Bean
	public ExportFiles exportFiles(DaoRegistry daos, ExportFileLedger ledger) {
		return new ExportFiles(daos, ledger);
	}

	@Bean
	public ExportExpiry exportExpiry(ExportFileLedger ledger, ExportFiles files, JpaStorageSettings storageSettings,
			BulkSettings settings) {
		Duration retention = settings.fileRetention();
		Map<String, Duration> byTenant = new LinkedHashMap<>();
		tenantMap(settings.fileRetentionByTenant()).forEach((tenant, value) -> byTenant.put(tenant, DurationStyle.detectAndParse(value)));
		// HAPI purges finished export jobs (and their files) after its own retention: keep that a
		// backstop an hour beyond the longest of ours, so it never removes a file we still serve.
		Duration longest = byTenant.values().stream().reduce(retention, (x, y) -> x.compareTo(y) > 0 ? x : y);
		storageSettings.setBulkExportFileRetentionPeriodHours((int) Math.min(Integer.MAX_VALUE, longest.toHours() + 2));
		return new ExportExpiry(ledger, files, retention, byTenant, Clock.systemUTC());
	}

	/** The job's writes and resource checks happen without a request: these hooks go on the storage interceptor service. */
	@Bean
	public ExportFileRecorder exportFileRecorder(ExportFileLedger ledger, ExportJobs jobs, IInterceptorService storageInterceptors,
			MeterRegistry meters, TenantTag tenantTag) {
		// vitals_export_resources_total: its rate is resources exported per second.
		ExportFileRecorder recorder = new ExportFileRecorder(ledger, jobs::owner, Clock.systemUTC(),
				(tenant, resources) -> meters.counter("vitals.export.resources", "tenant", tenantTag.of(tenant)).increment(resources));
		storageInterceptors.registerInterceptor(recorder);
		return recorder;
	}

	@Bean
	public ExportJobTenancy exportJobTenancy(IPartitionLookupSvc partitions, IInterceptorService storageInterceptors) {
		ExportJobTenancy tenancy = new ExportJobTenancy(partitions);
		storageInterceptors.registerInterceptor(tenancy);
		return tenancy;
	}

	@Bean
	public ExportInclusion exportInclusion(FhirContext fhir, TenantStorage storage, SearchParamMatcher searchParamMatcher,
			TenantConsents consents, IInterceptorService storageInterceptors,
			EnforcementSettings enforcement) {
		HapiCareDirectory directory = new HapiCareDirectory(storage, enforcement.enforcement().directoryCacheTtl());
		HapiGranularQueryMatcher matcher = new HapiGranularQueryMatcher(fhir, searchParamMatcher);
		ExportInclusion inclusion = new ExportInclusion(
				token -> new ResourceAccess(token, token.tenant(), fhir, directory, matcher, consents, Clock.systemUTC()), Clock.systemUTC());
		storageInterceptors.registerInterceptor(inclusion);
		return inclusion;
	}

	@Bean
	public BulkExportOperations bulkExportOperations(
			FhirContext fhir, IInterceptorService interceptors, IJobCoordinator coordinator, IJobMaintenanceService maintenance,
			DaoRegistry daos, IRequestPartitionHelperSvc partitionHelper, JpaStorageSettings storageSettings,
			ExportJobs jobs, ExportFiles files, ExportFileLedger ledger, ExportExpiry expiry, TenantStorage storage,
			EnforcementConfiguration.Enforcement enforcement,
			BulkSettings settings) {
		// A job is never handed to another request with the same parameters: jobs are bound to their client.
		storageSettings.setEnableBulkExportJobReuse(false);
		// HAPI writes a file per this many resources and holds at most one file's worth in memory per work chunk.
		storageSettings.setBulkExportFileMaximumCapacity(settings.fileMaxResources());
		// Lets a job whose steps produce one work chunk move on at once, and makes
		// triggerMaintenancePass() effective (without it HAPI ignores the trigger and moves jobs once a minute).
		storageSettings.setJobFastTrackingEnabled(true);
		Map<String, Integer> byTenant = new LinkedHashMap<>();
		tenantMap(settings.maxConcurrentPerClientByTenant()).forEach((tenant, value) -> byTenant.put(tenant, Integer.parseInt(value)));
		Set<String> exportable = new TreeSet<>(FhirEndpointConfiguration.REST_RESOURCE_TYPES);
		Set<String> compartment = new TreeSet<>(new BulkDataExportSupport(fhir, daos, partitionHelper)
				.getPatientCompartmentResources(BulkExportJobParameters.ExportStyle.PATIENT));
		compartment.retainAll(exportable);
		BulkExportJobService jobService = new BulkExportJobService(interceptors, coordinator, daos, partitionHelper, storageSettings);
		return new BulkExportOperations(fhir, jobService, maintenance, jobs, files, ledger, expiry,
				new ExportLimits(settings.maxConcurrentPerClient(), byTenant), new PollPacing(settings.minPollInterval(), Clock.systemUTC()), storage,
				new BulkExportOperations.Settings(enforcement.enabled(), Math.max(1, settings.retryAfter().toSeconds()), exportable, compartment));
	}

	/**
	 * Expired files are swept on every node (deleting an already deleted file is harmless), and
	 * Batch2's maintenance pass, which moves jobs between gated steps, is asked for more often
	 * than HAPI's default minute so small exports finish in seconds.
	 */
	@Bean(destroyMethod = "shutdownNow")
	public ScheduledExecutorService bulkExportScheduler(ExportExpiry expiry, IJobMaintenanceService maintenance,
			BulkSettings settings) {
		Duration sweepInterval = settings.expirySweepInterval();
		Duration maintenanceInterval = settings.jobMaintenanceInterval();
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread thread = new Thread(r, "bulk-export-scheduler");
			thread.setDaemon(true);
			return thread;
		});
		executor.scheduleWithFixedDelay(() -> run("expiry sweep", expiry::sweep),
				sweepInterval.toMillis(), sweepInterval.toMillis(), TimeUnit.MILLISECONDS);
		executor.scheduleWithFixedDelay(() -> run("maintenance trigger", maintenance::triggerMaintenancePass),
				maintenanceInterval.toMillis(), maintenanceInterval.toMillis(), TimeUnit.MILLISECONDS);
		return executor;
	}

	private static void run(String what, Runnable task) {
		try {
			task.run();
		} catch (RuntimeException e) {
			log.warn("Bulk export {} failed (will retry): {}", what, e.toString());
		}
	}

	/** {@code tenant-a=3,tenant-b=1} to a map; empty for an empty property. */
	static Map<String, String> tenantMap(String property) {
		Map<String, String> map = new LinkedHashMap<>();
		if (property == null || property.isBlank()) {
			return map;
		}
		for (String entry : property.split(",")) {
			String[] pair = entry.split("=", 2);
			if (pair.length != 2 || pair[0].isBlank() || pair[1].isBlank()) {
				throw new IllegalArgumentException("Expected tenant=value pairs separated by commas, got: " + property);
			}
			map.put(pair[0].strip(), pair[1].strip());
		}
		return map;
	}
}
