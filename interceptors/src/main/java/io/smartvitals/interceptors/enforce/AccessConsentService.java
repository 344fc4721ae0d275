package io.smartvitals.interceptors.enforce;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentOutcome;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentContextServices;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentService;
import io.smartvitals.interceptors.access.RequestFacts;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Plugs {@link ResourceAccess#see} into HAPI's {@code ConsentInterceptor}, which calls it for
 * every resource storage hands out: read and vread (a hidden resource is then 404, exactly as a
 * missing one), search results and their {@code _include}/{@code _revinclude}s, history,
 * {@code $everything}, paging links and batch entries. Scope reach and patients' privacy
 * Consents are both decided there, so one pass covers both. HAPI's consent framework also
 * blanks search totals and refuses {@code _summary=count} while filtering, so counts cannot
 * reveal hidden resources.
 */
public class AccessConsentService implements IConsentService {

	private static final Set<String> CONTAINERS = Set.of("Bundle", "OperationOutcome", "Parameters");

	@Override
	public ConsentOutcome startOperation(RequestDetails request, IConsentContextServices services) {
		ResourceAccess access = ScopeEnforcementInterceptor.access(request);
		// Backend clients with unfiltered system/*.rs whom no consent restricts see the whole tenant;
		// a patient's plain search of their own compartment returns nothing a check would remove.
		return access != null && (access.seesEverything() || ownCompartmentSearch(request, access))
				? ConsentOutcome.AUTHORIZED
				: ConsentOutcome.PROCEED;
	}

	private static boolean ownCompartmentSearch(RequestDetails request, ResourceAccess access) {
		if (request.getRestOperationType() != RestOperationTypeEnum.SEARCH_TYPE) {
			return false;
		}
		for (String parameter : request.getParameters().keySet()) {
			// Included, contained or reverse-chained resources come from outside the narrowing.
			if (parameter.startsWith("_include") || parameter.startsWith("_revinclude") || parameter.startsWith("_contained")
					|| parameter.startsWith("_has")) {
				return false;
			}
		}
		return access.searchConfinedToOwnCompartment(request.getResourceName());
	}

	@Override
	public ConsentOutcome canSeeResource(RequestDetails request, IBaseResource resource, IConsentContextServices services) {
		return decide(request, resource);
	}

	@Override
	public ConsentOutcome willSeeResource(RequestDetails request, IBaseResource resource, IConsentContextServices services) {
		return decide(request, resource);
	}

	private static ConsentOutcome decide(RequestDetails request, IBaseResource resource) {
		ResourceAccess access = ScopeEnforcementInterceptor.access(request);
		if (access == null || resource == null || CONTAINERS.contains(request.getFhirContext().getResourceType(resource))) {
			return ConsentOutcome.PROCEED;
		}
		Visibility visibility = access.see(resource);
		if (visibility.visible()) {
			return ConsentOutcome.AUTHORIZED;
		}
		RestOperationTypeEnum op = request.getRestOperationType();
		if (op == RestOperationTypeEnum.READ || op == RestOperationTypeEnum.VREAD) {
			// The answer is a 404; the audit record keeps what actually decided.
			RequestFacts.deny(request, visibility.rule());
		}
		return ConsentOutcome.REJECT;
	}
}
