package io.smartvitals.smart.auth.directory;

import java.util.List;
import java.util.Optional;

/** A tenant's registered apps, as far as the people-facing pages need them. Implemented over the client registry. */
public interface AppCatalog {

	/** The tenant's enabled client {@code clientId}; empty for unknown, disabled or expired clients and for other tenants' clients. */
	Optional<AppSummary> app(String tenant, String clientId);

	/** The tenant's enabled clients allowed to use EHR launch, each with its launch URI. */
	List<AppSummary> ehrLaunchApps(String tenant);
}
