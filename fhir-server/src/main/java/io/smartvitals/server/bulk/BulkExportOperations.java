package io.smartvitals.server.bulk;

import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import ca.uhn.fhir.batch2.jobs.export.BulkExportJobParametersBuilder;
import ca.uhn.fhir.batch2.jobs.export.BulkExportJobService;
import ca.uhn.fhir.batch2.model.StatusEnum;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.bulk.BulkExportJobParameters;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import io.smartvitals.interceptors.access.RequestFacts;
import io.smartvitals.interceptors.bulk.ExportGrant;
import io.smartvitals.interceptors.bulk.ExportKickoff;
import io.smartvitals.interceptors.bulk.ExportLevel;
import io.smartvitals.interceptors.bulk.ExportLimits;
import io.smartvitals.interceptors.bulk.ExportJobData;
import io.smartvitals.interceptors.bulk.ExportOwner;
import io.smartvitals.interceptors.bulk.PollPacing;
import io.smartvitals.interceptors.bulk.ExportRefusal;
import io.smartvitals.interceptors.bulk.ExportRequest;
import io.smartvitals.interceptors.token.TokenVerdict;
import io.smartvitals.server.access.TenantStorage;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bulk Data Access 2.0 on a tenant's FHIR base: {@code $export} at system, Patient and Group
 * level, {@code $export-poll-status} (GET: status or manifest, DELETE: cancel) and
 * {@code $export-file} (one NDJSON output file). The export itself is HAPI's Batch2 bulk export
 * job, started by HAPI's {@link BulkExportJobService} in the tenant's partition; this class adds
 * what HAPI does not decide: the request rules of the specification, the types and filters the
 * token's scopes grant, the per-client concurrency cap, and the binding of the job to the tenant
 * and client that started it (anyone else gets the 404 of an unknown job).
 */
public class BulkExportOperations {

	private static final Logger log = LoggerFactory.getLogger(BulkExportOperations.class);

	/** What the operations need from the server around them. */
	public record Settings(boolean enforcement, long retryAfterSeconds, Set<String> exportableTypes, Set<String> compartmentTypes) {}

	private final FhirContext fhir;
	private final BulkExportJobService jobService;
	private final IJobMaintenanceService maintenance;
	private final ExportJobs jobs;
	private final ExportFiles files;
	private final ExportFileLedger ledger;
	private final ExportExpiry expiry;
	private final ExportLimits limits;
	private final PollPacing pacing;
	private final TenantStorage storage;
	private final Settings settings;
	private final ExportKickoff kickoff;

	public BulkExportOperations(FhirContext fhir, BulkExportJobService jobService, IJobMaintenanceService maintenance,
			ExportJobs jobs, ExportFiles files, ExportFileLedger ledger, ExportExpiry expiry, ExportLimits limits,
			PollPacing pacing, TenantStorage storage, Settings settings) {
		this.fhir = fhir;
		this.jobService = jobService;
		this.maintenance = maintenance;
		this.jobs = jobs;
		this.files = files;
		this.ledger = ledger;
		this.expiry = expiry;
		this.limits = limits;
		this.pacing = pacing;
		this.storage = storage;
		this.settings = settings;
		this.kickoff = new ExportKickoff(settings.exportableTypes());
	}

	@Operation(name = "$export", manualResponse = true, idempotent = true)
	public void systemExport(ServletRequestDetails request) {
		start(request, ExportLevel.SYSTEM, null);
	}

	@Operation(name = "$export", type = Patient.class, manualResponse = true, idempotent = true)
	public void patientExport(ServletRequestDetails request) {
		start(request, ExportLevel.PATIENT, null);
	}

	@Operation(name = "$export", type = Group.class, manualResponse = true, idempotent = true)
	public void groupExport(@IdParam IdType group, ServletRequestDetails request) {
		start(request, ExportLevel.GROUP, group.getIdPart());
	}

	@Operation(name = "$export-poll-status", manualResponse = true, idempotent = true, deleteEnabled = true)
	public void status(ServletRequestDetails request) throws IOException {
		String jobId = single(request, "_jobId");
		ExportJobs.OwnedJob job = owned(request, jobId);
		HttpServletResponse response = request.getServletResponse();
		if (job.cancelled()) {
			throw refused(request, 404, "Export " + jobId + " was cancelled");
		}
		if (request.getRequestType() == RequestTypeEnum.DELETE) {
			jobs.cancel(jobId);
			// Files already written are removed now; a chunk still finishing is caught by the expiry sweep.
			files.deleteAllOf(jobId);
			pacing.forget(jobId);
			RequestFacts.allow(request, "bulk export cancelled by its owner");
			writeOutcome(response, 202, OperationOutcome.IssueSeverity.INFORMATION, "Export " + jobId + " is cancelled");
			return;
		}
		if (!pacing.admit(jobId)) {
			RequestFacts.deny(request, "bulk export status polled too often");
			throw new TooManyRequestsException("Status polled too often; wait as Retry-After says", settings.retryAfterSeconds());
		}
		StatusEnum status = job.instance().getStatus();
		if (status == StatusEnum.COMPLETED) {
			Map<String, ExportFileLedger.ExportFile> recorded = ledger.ofJobById(jobId);
			boolean filesGone = recorded.isEmpty() && job.files().values().stream().anyMatch(ids -> !ids.isEmpty());
			if (filesGone || expiry.expired(job.owner().tenant(), endOf(job))) {
				throw refused(request, 404, "Export " + jobId + " has expired or was deleted, and its files are gone");
			}
			String manifest = ExportManifest.render(job.instance().getCreateTime().toInstant(), job.parameters().getOriginalRequestUrl(),
					job.files(), fileUrlPrefix(request, jobId), id -> count(recorded, id));
			response.setStatus(200);
			response.setContentType("application/json");
			response.setCharacterEncoding("UTF-8");
			response.setHeader("Cache-Control", "no-store");
			response.getOutputStream().write(manifest.getBytes(StandardCharsets.UTF_8));
			return;
		}
		if (status == StatusEnum.FAILED) {
			log.warn("Bulk export {} failed: {}", jobId, job.instance().getErrorMessage());
			throw new InternalErrorException("Export " + jobId + " failed; start a new one");
		}
		// Batch2 moves between gated steps on its maintenance pass; a poll asks for one now.
		maintenance.triggerMaintenancePass();
		response.setStatus(202);
		response.setHeader("X-Progress", Math.round(job.instance().getProgress() * 100) + "% (" + status.name().toLowerCase() + ")");
		response.setHeader("Retry-After", Long.toString(settings.retryAfterSeconds()));
		response.setHeader("Cache-Control", "no-store");
	}

	@Operation(name = "$export-file", manualResponse = true, idempotent = true)
	public void file(ServletRequestDetails request) throws IOException {
		String jobId = single(request, "_jobId");
		String fileId = single(request, "_file");
		ExportJobs.OwnedJob job = owned(request, jobId);
		String tenant = job.owner().tenant();
		boolean listed = job.files().values().stream().anyMatch(ids -> ids.contains(fileId));
		if (job.cancelled() || job.instance().getStatus() != StatusEnum.COMPLETED || !listed || expiry.expired(tenant, endOf(job))) {
			throw refused(request, 404, "No such export file (unknown, cancelled or expired)");
		}
		byte[] content = files.content(fileId).orElseThrow(() -> refused(request, 404, "Export file " + fileId + " has expired"));
		RequestFacts.allow(request, "bulk export file of its owner");
		HttpServletResponse response = request.getServletResponse();
		response.setStatus(200);
		response.setContentType(ExportRequest.NDJSON);
		response.setHeader("Cache-Control", "no-store");
		response.setContentLength(content.length);
		response.getOutputStream().write(content);
	}

	private void start(ServletRequestDetails request, ExportLevel level, String groupId) {
		TokenVerdict.Valid token = RequestFacts.token(request);
		if (token == null && settings.enforcement()) {
			throw new AuthenticationException("A bearer access token is required");
		}
		try {
			ExportRequest asked = kickoff.read(level, groupId, request.getRequestType() == RequestTypeEnum.POST,
					request.getHeaders(Constants.HEADER_ACCEPT), request.getHeaders(Constants.HEADER_PREFER), parameters(request));
			Set<String> candidates = level == ExportLevel.SYSTEM ? settings.exportableTypes() : settings.compartmentTypes();
			ExportGrant grant = token == null ? unchecked(asked, candidates) : ExportGrant.decide(token.scopes(), asked, candidates);
			ExportOwner owner = new ExportOwner(request.getTenantId(), token == null ? null : token.clientId());
			limits.admit(owner.tenant(), jobs.running(owner), settings.retryAfterSeconds());
			if (groupId != null && storage.read(owner.tenant(), "Group", groupId).isEmpty()) {
				throw new ExportRefusal(404, "Group/" + groupId + " is not known");
			}
			for (String patient : asked.patients()) {
				if (storage.read(owner.tenant(), "Patient", patient.substring("Patient/".length())).isEmpty()) {
					throw new ExportRefusal(400, "patient " + patient + " is not known");
				}
			}
			BulkExportJobParameters parameters = jobParameters(asked, grant, level, groupId);
			ExportJobData.bind(parameters, owner, token == null ? null : RequestFacts.scopes(request), UUID.randomUUID().toString());
			jobService.startJob(request, parameters);
			RequestFacts.allow(request, "bulk export of " + String.join(",", grant.types()));
		} catch (ExportRefusal refusal) {
			throw refused(request, refusal.status(), refusal.getMessage());
		}
	}

	private static ExportGrant unchecked(ExportRequest asked, Set<String> candidates) {
		List<String> types = asked.types().isEmpty() ? candidates.stream().sorted().toList() : asked.types();
		return new ExportGrant(types, asked.typeFilters(), List.of());
	}

	private BulkExportJobParameters jobParameters(ExportRequest asked, ExportGrant grant, ExportLevel level, String groupId) {
		BulkExportJobParametersBuilder builder = new BulkExportJobParametersBuilder()
				.resourceTypes(new StringType(String.join(",", grant.types())))
				.outputFormat(new StringType(ExportRequest.NDJSON))
				.exportStyle(switch (level) {
					case SYSTEM -> BulkExportJobParameters.ExportStyle.SYSTEM;
					case PATIENT -> BulkExportJobParameters.ExportStyle.PATIENT;
					case GROUP -> BulkExportJobParameters.ExportStyle.GROUP;
				});
		if (asked.since() != null) {
			builder.since(new DateTimeType(Date.from(asked.since())));
		}
		builder.filters(primitives(grant.typeFilters()));
		builder.postFetchFilterUrl(primitives(grant.postFetchFilters()));
		if (!asked.patients().isEmpty()) {
			builder.patientIds(primitives(asked.patients()));
		}
		if (groupId != null) {
			builder.groupId(new IdType("Group", groupId));
		}
		return builder.build();
	}

	private static List<IPrimitiveType<String>> primitives(List<String> values) {
		List<IPrimitiveType<String>> list = new ArrayList<>();
		values.forEach(v -> list.add(new StringType(v)));
		return list;
	}

	/** GET query parameters, and for POST also the Parameters body, as strings ({@code patient} as its reference). */
	private Map<String, List<String>> parameters(ServletRequestDetails request) {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		request.getParameters().forEach((name, values) -> parameters.computeIfAbsent(name, k -> new ArrayList<>()).addAll(List.of(values)));
		if (request.getRequestType() == RequestTypeEnum.POST) {
			byte[] body = request.loadRequestContents();
			if (body != null && body.length > 0) {
				Parameters posted;
				try {
					posted = fhir.newJsonParser().parseResource(Parameters.class, new String(body, StandardCharsets.UTF_8));
				} catch (RuntimeException e) {
					throw new ExportRefusal(400, "The POST body must be a FHIR Parameters resource in JSON");
				}
				for (Parameters.ParametersParameterComponent p : posted.getParameter()) {
					String value = p.getValue() instanceof Reference r ? r.getReference()
							: p.getValue() == null ? null : p.getValue().primitiveValue();
					parameters.computeIfAbsent(p.getName(), k -> new ArrayList<>()).add(value);
				}
			}
		}
		return parameters;
	}

	private ExportJobs.OwnedJob owned(ServletRequestDetails request, String jobId) {
		TokenVerdict.Valid token = RequestFacts.token(request);
		if (token == null && settings.enforcement()) {
			throw new AuthenticationException("A bearer access token is required");
		}
		ExportOwner caller = new ExportOwner(request.getTenantId(), token == null ? null : token.clientId());
		return jobs.find(jobId, caller).orElseThrow(() -> refused(request, 404, "No export " + jobId + " of this client in this tenant"));
	}

	private String single(ServletRequestDetails request, String name) {
		String[] values = request.getParameters().get(name);
		if (values == null || values.length != 1 || values[0].isBlank()) {
			throw new InvalidRequestException("Parameter " + name + " is required once");
		}
		return values[0];
	}

	private static String fileUrlPrefix(ServletRequestDetails request, String jobId) {
		return request.getFhirServerBase() + "/$export-file?_jobId=" + jobId + "&_file=";
	}

	private int count(Map<String, ExportFileLedger.ExportFile> recorded, String binaryId) {
		ExportFileLedger.ExportFile file = recorded.get(binaryId);
		if (file != null) {
			return file.count();
		}
		return files.content(binaryId).map(ExportFileRecorder::lines).orElse(0);
	}

	private static java.time.Instant endOf(ExportJobs.OwnedJob job) {
		Date end = job.instance().getEndTime();
		return end == null ? null : end.toInstant();
	}

	private BaseServerResponseException refused(ServletRequestDetails request, int status, String message) {
		RequestFacts.deny(request, message);
		switch (status) {
			case 400:
				return new InvalidRequestException(message);
			case 403:
				return new ForbiddenOperationException(message);
			case 404:
				return new ResourceNotFoundException(message);
			case 429:
				return new TooManyRequestsException(message, settings.retryAfterSeconds());
			default:
				return new InternalErrorException(message);
		}
	}

	private void writeOutcome(HttpServletResponse response, int status, OperationOutcome.IssueSeverity severity, String text)
			throws IOException {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue().setSeverity(severity).setCode(OperationOutcome.IssueType.INFORMATIONAL).setDiagnostics(text);
		response.setStatus(status);
		response.setContentType("application/fhir+json");
		response.setCharacterEncoding("UTF-8");
		response.getOutputStream().write(fhir.newJsonParser().encodeResourceToString(outcome).getBytes(StandardCharsets.UTF_8));
	}
}
