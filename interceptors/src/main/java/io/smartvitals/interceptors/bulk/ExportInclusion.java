package io.smartvitals.interceptors.bulk;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.bulk.BulkExportJobParameters;
import io.smartvitals.interceptors.enforce.ResourceAccess;
import io.smartvitals.smart.model.scope.ScopeParser;
import io.smartvitals.interceptors.token.TokenVerdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Decides, resource by resource as HAPI's job writes an export, whether the client that started
 * it may see the resource: the same {@link ResourceAccess} rules as a search by that client's
 * token (granular scope queries, and patients' Consents, which may deny this client). A resource
 * it may not see is left out of the file, as it would be left out of a search.
 */
@Interceptor
public class ExportInclusion {

	private record Cached(ResourceAccess access, Instant created) {}

	private static final Duration KEEP = Duration.ofMinutes(10);

	private final Function<TokenVerdict.Valid, ResourceAccess> accessOf;
	private final Clock clock;
	// One ResourceAccess per export (it memoizes consent and directory look-ups), kept for a while.
	private final Map<String, Cached> byExport = new ConcurrentHashMap<>();

	public ExportInclusion(Function<TokenVerdict.Valid, ResourceAccess> accessOf, Clock clock) {
		this.accessOf = accessOf;
		this.clock = clock;
	}

	@Hook(Pointcut.STORAGE_BULK_EXPORT_RESOURCE_INCLUSION)
	public boolean include(BulkExportJobParameters parameters, IBaseResource resource) {
		ExportOwner owner = ExportJobData.owner(parameters);
		String scopes = ExportJobData.scopes(parameters);
		if (owner == null || owner.clientId() == null || scopes == null) {
			// Started with enforcement off (benchmarks), or not through our kick-off (none exists).
			return owner != null;
		}
		ResourceAccess access = access(ExportJobData.exportId(parameters), owner, scopes);
		synchronized (access) {
			return access.see(resource).visible();
		}
	}

	private ResourceAccess access(String exportId, ExportOwner owner, String scopes) {
		Instant now = clock.instant();
		byExport.values().removeIf(c -> c.created().plus(KEEP).isBefore(now));
		return byExport.computeIfAbsent(exportId, id -> new Cached(accessOf.apply(new TokenVerdict.Valid(
				owner.tenant(), owner.clientId(), owner.clientId(), ScopeParser.parse(scopes), null, null, null, null, null, null)), now)).access();
	}
}
