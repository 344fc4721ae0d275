package io.smartvitals.server.bulk;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.model.util.JpaConstants;
import io.smartvitals.interceptors.bulk.ExportOwner;
import java.time.Clock;
import java.util.function.Function;
import java.util.function.ObjIntConsumer;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Extension;

/**
 * Records each output file as HAPI's bulk export job stores it (a Binary tagged with the job id):
 * how many NDJSON lines it holds, for the manifest's {@code count}, and when it was written, for
 * expiry and cancellation. Registered on the storage interceptor service, where the job's
 * writes pass.
 */
@Interceptor
public class ExportFileRecorder {

	private final ExportFileLedger ledger;
	private final Function<String, ExportOwner> ownerOfJob;
	private final Clock clock;

	/** Told the tenant (null if none) and resource count of each file written: the export rate metric. */
	private final ObjIntConsumer<String> written;

	public ExportFileRecorder(ExportFileLedger ledger, Function<String, ExportOwner> ownerOfJob, Clock clock) {
		this(ledger, ownerOfJob, clock, (tenant, resources) -> {});
	}

	public ExportFileRecorder(ExportFileLedger ledger, Function<String, ExportOwner> ownerOfJob, Clock clock,
			ObjIntConsumer<String> written) {
		this.ledger = ledger;
		this.ownerOfJob = ownerOfJob;
		this.clock = clock;
		this.written = written;
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void created(IBaseResource resource) {
		if (!(resource instanceof Binary binary) || !binary.hasMeta()) {
			return;
		}
		String jobId = extension(binary, JpaConstants.BULK_META_EXTENSION_JOB_ID);
		String type = extension(binary, JpaConstants.BULK_META_EXTENSION_RESOURCE_TYPE);
		if (jobId == null || type == null) {
			return;
		}
		ExportOwner owner = ownerOfJob.apply(jobId);
		String tenant = owner == null ? null : owner.tenant();
		int resources = lines(binary.getData());
		ledger.record(new ExportFileLedger.ExportFile(binary.getIdElement().getIdPart(), jobId,
				tenant, type, resources, clock.instant()));
		written.accept(tenant, resources);
	}

	static int lines(byte[] ndjson) {
		if (ndjson == null || ndjson.length == 0) {
			return 0;
		}
		int lines = 0;
		for (byte b : ndjson) {
			if (b == '\n') {
				lines++;
			}
		}
		return ndjson[ndjson.length - 1] == '\n' ? lines : lines + 1;
	}

	private static String extension(Binary binary, String url) {
		Extension extension = binary.getMeta().getExtensionByUrl(url);
		return extension == null || extension.getValue() == null ? null : extension.getValue().primitiveValue();
	}
}
