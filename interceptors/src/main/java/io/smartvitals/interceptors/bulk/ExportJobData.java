package io.smartvitals.interceptors.bulk;

import ca.uhn.fhir.rest.api.server.bulk.BulkExportJobParameters;

/**
 * What we keep in a Batch2 job's parameters ({@code userData}, stored with the job in HAPI's own
 * tables): the owner the job is bound to and the scopes it was granted, so the running job and
 * every node can decide without our own job table.
 */
public final class ExportJobData {

	static final String TENANT = "vitals.tenant";
	static final String CLIENT = "vitals.client";
	static final String SCOPES = "vitals.scopes";
	static final String EXPORT_ID = "vitals.exportId";

	private ExportJobData() {}

	public static void bind(BulkExportJobParameters parameters, ExportOwner owner, String scopes, String exportId) {
		parameters.setUserData(TENANT, owner.tenant());
		if (owner.clientId() != null) {
			parameters.setUserData(CLIENT, owner.clientId());
		}
		if (scopes != null) {
			parameters.setUserData(SCOPES, scopes);
		}
		parameters.setUserData(EXPORT_ID, exportId);
	}

	/** The owner, or null for a job not started through our kick-off. */
	public static ExportOwner owner(BulkExportJobParameters parameters) {
		Object tenant = parameters.getUserData().get(TENANT);
		if (!(tenant instanceof String t)) {
			return null;
		}
		Object client = parameters.getUserData().get(CLIENT);
		return new ExportOwner(t, client instanceof String c ? c : null);
	}

	public static String scopes(BulkExportJobParameters parameters) {
		Object scopes = parameters.getUserData().get(SCOPES);
		return scopes instanceof String s ? s : null;
	}

	public static String exportId(BulkExportJobParameters parameters) {
		Object id = parameters.getUserData().get(EXPORT_ID);
		return id instanceof String s ? s : null;
	}
}
