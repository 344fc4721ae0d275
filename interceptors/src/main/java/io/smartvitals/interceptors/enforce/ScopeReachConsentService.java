package io.smartvitals.interceptors.enforce;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentOutcome;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentContextServices;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentService;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The scope vote ({@link ResourceAccess#reachOf}): whether the token's scopes, granular queries
 * and the user's organizational reach cover a resource. HAPI's {@code ConsentInterceptor} asks it
 * for every resource storage hands out: read and vread (a hidden resource is then 404, exactly as
 * a missing one), search results and their {@code _include}/{@code _revinclude}s, history,
 * {@code $everything}, paging links and batch entries. It votes AUTHORIZED or REJECT, never
 * abstains, so nothing is shown that no scope covers.
 */
public class ScopeReachConsentService implements IConsentService {


	/**
	 * Authorizes the whole operation only when no resource could be refused by either vote: an
	 * unfiltered system/ token that no privacy Consent can restrict, or a patient's plain search of
	 * their own compartment (its own Consents never hide it from them). Under parallel voting an
	 * AUTHORIZED here skips every per-resource vote, the consent vote's too, so it must say both.
	 */
	@Override
	public ConsentOutcome startOperation(RequestDetails request, IConsentContextServices services) {
		ResourceAccess access = ScopeEnforcementInterceptor.access(request);
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
		return vote(request, resource);
	}

	@Override
	public ConsentOutcome willSeeResource(RequestDetails request, IBaseResource resource, IConsentContextServices services) {
		return vote(request, resource);
	}

	private static ConsentOutcome vote(RequestDetails request, IBaseResource resource) {
		ResourceAccess access = ConsentVote.accessToVoteOn(request, resource);
		return access == null ? ConsentOutcome.PROCEED : ConsentVote.of(request, access.reachOf(resource));
	}
}
