package io.smartvitals.interceptors.enforce;

import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** Reads one resource of a tenant without any caller's restrictions, to decide whether the caller may see it. */
@FunctionalInterface
public interface ResourceLookup {

	Optional<IBaseResource> read(String tenant, String type, String id);
}
