package io.smartvitals.server.bulk;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.model.JobInstance;
import ca.uhn.fhir.batch2.model.StatusEnum;
import ca.uhn.fhir.jpa.api.model.BulkExportJobResults;
import ca.uhn.fhir.rest.api.server.bulk.BulkExportJobParameters;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.util.Batch2JobDefinitionConstants;
import ca.uhn.fhir.util.JsonUtil;
import io.smartvitals.interceptors.bulk.ExportJobData;
import io.smartvitals.interceptors.bulk.ExportOwner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.IdType;

/** HAPI's Batch2 bulk export instances, seen only through their owner. */
public class ExportJobs {

	/** A job of one owner, with its parameters parsed. */
	public record OwnedJob(JobInstance instance, BulkExportJobParameters parameters) {

		public ExportOwner owner() {
			return ExportJobData.owner(parameters);
		}

		public boolean cancelled() {
			return instance.isCancelled() || instance.getStatus() == StatusEnum.CANCELLED;
		}

		/** Resource type to binary ids (id part only), in the job report's order. */
		public Map<String, List<String>> files() {
			Map<String, List<String>> files = new LinkedHashMap<>();
			if (instance.getReport() == null || instance.getReport().isBlank()) {
				return files;
			}
			BulkExportJobResults results = JsonUtil.deserialize(instance.getReport(), BulkExportJobResults.class);
			results.getResourceTypeToBinaryIds().forEach((type, ids) -> {
				List<String> parts = new ArrayList<>();
				ids.forEach(id -> parts.add(new IdType(id).getIdPart()));
				files.put(type, parts);
			});
			return files;
		}
	}

	private static final Set<StatusEnum> UNFINISHED = Set.of(StatusEnum.QUEUED, StatusEnum.IN_PROGRESS, StatusEnum.ERRORED, StatusEnum.FINALIZE);

	private final IJobCoordinator coordinator;

	public ExportJobs(IJobCoordinator coordinator) {
		this.coordinator = coordinator;
	}

	/** The caller's job, or empty for an unknown job and for anyone else's (the same 404 for both). */
	public Optional<OwnedJob> find(String jobId, ExportOwner caller) {
		if (jobId == null || jobId.isBlank() || jobId.length() > 100) {
			return Optional.empty();
		}
		JobInstance instance;
		try {
			instance = coordinator.getInstance(jobId);
		} catch (ResourceNotFoundException unknown) {
			return Optional.empty();
		}
		if (!Batch2JobDefinitionConstants.BULK_EXPORT.equals(instance.getJobDefinitionId())) {
			return Optional.empty();
		}
		BulkExportJobParameters parameters = instance.getParameters(BulkExportJobParameters.class);
		ExportOwner owner = ExportJobData.owner(parameters);
		return owner != null && owner.owns(caller) ? Optional.of(new OwnedJob(instance, parameters)) : Optional.empty();
	}

	/** Exports of this owner not finished and not cancelled: a cancelled job frees its slot at once. */
	public long running(ExportOwner owner) {
		return running(owner::owns);
	}

	/** Every export not finished and not cancelled, whoever owns it (the metrics gauge). */
	public long runningAll() {
		return running(any -> true);
	}

	private long running(Predicate<ExportOwner> counted) {
		long running = 0;
		for (int page = 0; ; page++) {
			List<JobInstance> instances = coordinator.getJobInstancesByJobDefinitionIdAndStatuses(
					Batch2JobDefinitionConstants.BULK_EXPORT, UNFINISHED, 500, page);
			for (JobInstance instance : instances) {
				if (!instance.isCancelled() && counted.test(ExportJobData.owner(instance.getParameters(BulkExportJobParameters.class)))) {
					running++;
				}
			}
			if (instances.size() < 500) {
				return running;
			}
		}
	}

	/** The owner of any export job, for hooks that run inside the job; null when it has none. */
	public ExportOwner owner(String jobId) {
		return ExportJobData.owner(coordinator.getInstance(jobId).getParameters(BulkExportJobParameters.class));
	}

	public void cancel(String jobId) {
		coordinator.cancelInstance(jobId);
	}
}
