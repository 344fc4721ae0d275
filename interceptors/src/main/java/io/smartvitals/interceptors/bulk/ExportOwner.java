package io.smartvitals.interceptors.bulk;

import java.util.Objects;

/**
 * Whose export a job is: the tenant whose partition it reads and the OAuth client that started it.
 * Status, cancel and file URLs answer 404 to anyone else, exactly as for an unknown job. The
 * client is null only when enforcement is switched off (benchmarks), and then only tenant binds.
 */
public record ExportOwner(String tenant, String clientId) {

	public ExportOwner {
		Objects.requireNonNull(tenant, "tenant");
	}

	public boolean owns(ExportOwner caller) {
		return caller != null && tenant.equals(caller.tenant()) && Objects.equals(clientId, caller.clientId());
	}
}
