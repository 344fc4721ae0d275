package io.smartvitals.server.bulk;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Optional;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.IdType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NDJSON output files: Binary resources HAPI's job wrote, read and deleted only by their
 * random id, which only the owner's manifest names. Each holds at most HAPI's configured number
 * of resources, so serving one costs the same memory however large the export is.
 */
public class ExportFiles {

	private static final Logger log = LoggerFactory.getLogger(ExportFiles.class);

	private final DaoRegistry daos;
	private final ExportFileLedger ledger;

	public ExportFiles(DaoRegistry daos, ExportFileLedger ledger) {
		this.daos = daos;
		this.ledger = ledger;
	}

	public Optional<byte[]> content(String binaryId) {
		try {
			Binary binary = (Binary) daos.getResourceDao("Binary").read(new IdType("Binary", binaryId), anyPartition());
			return Optional.ofNullable(binary.getData());
		} catch (ResourceNotFoundException | ResourceGoneException gone) {
			return Optional.empty();
		}
	}

	/** Deletes the file (as HAPI's own expired-export purge does) and forgets it. */
	public void delete(String binaryId) {
		try {
			daos.getResourceDao("Binary").delete(new IdType("Binary", binaryId), anyPartition());
		} catch (ResourceNotFoundException | ResourceGoneException gone) {
			log.debug("Export file {} was already gone", binaryId);
		}
		ledger.forget(binaryId);
	}

	public void deleteAllOf(String jobId) {
		ledger.ofJob(jobId).forEach(file -> delete(file.binaryId()));
	}

	// The id was taken from our own ledger or the owner's job report; the partition does not select it.
	private static SystemRequestDetails anyPartition() {
		SystemRequestDetails request = new SystemRequestDetails();
		request.setRequestPartitionId(RequestPartitionId.allPartitions());
		return request;
	}
}
