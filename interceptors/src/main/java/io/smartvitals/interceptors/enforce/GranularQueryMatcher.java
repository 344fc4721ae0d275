package io.smartvitals.interceptors.enforce;

import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** Whether a resource matches a granular scope's search parameters (HAPI's in-memory matcher in the server). */
@FunctionalInterface
public interface GranularQueryMatcher {

	boolean matches(IBaseResource resource, Map<String, List<String>> query);
}
