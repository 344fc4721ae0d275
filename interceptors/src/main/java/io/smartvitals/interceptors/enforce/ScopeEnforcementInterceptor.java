package io.smartvitals.interceptors.enforce;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.smartvitals.audit.fhir.RequestSecurity;
import io.smartvitals.interceptors.access.RequestFacts;
import io.smartvitals.interceptors.consent.TenantConsents;
import io.smartvitals.smart.model.scope.AccessDecision;
import io.smartvitals.smart.model.scope.Interaction;
import io.smartvitals.smart.model.scope.ResourceScope;
import io.smartvitals.smart.model.scope.ScopeContext;
import io.smartvitals.interceptors.token.TokenVerdict;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Applies SMART scopes to every request and every write.
 *
 * <p>Why our own hook next to HAPI's: {@code AuthorizationInterceptor} denies a whole search when
 * one result is outside its rules instead of filtering, knows no granular SMART queries and no
 * organization hierarchy, so reads are filtered through HAPI's {@code ConsentInterceptor}
 * ({@link TenantConsentInterceptor}: the scope and privacy-consent votes) and patient-compartment searches are narrowed by HAPI's
 * {@code SearchNarrowingInterceptor} ({@link PatientCompartmentNarrowing}). This class decides
 * the interaction as a whole (before anything is read), narrows searches to a granular scope's
 * query, refuses {@code _has} and chains into types the token may not search, and checks every
 * stored resource at the storage pointcuts, which also fire for each transaction and batch entry:
 * a refused entry fails the whole transaction, and nothing is written. Before a transaction or
 * batch runs, every entry is also held to what the same direct request would need
 * ({@link BundleEntry}, {@link EntryRules}): served types, allowed operations, the same
 * {@link Requirement} and scope decision, the same {@code _has} and chain checks.
 */
@Interceptor
public class ScopeEnforcementInterceptor {

	static final String ACCESS = "vitals.enforce.access";
	private static final String CONSENT_WRITTEN = "vitals.enforce.consent-written";

	private final FhirContext fhir;
	private final CareDirectory directory;
	private final GranularQueryMatcher matcher;
	private final TenantConsents consents;
	private final ResourceLookup lookup;
	private final Clock clock;
	private final EntryRules entryRules;

	public ScopeEnforcementInterceptor(FhirContext fhir, CareDirectory directory, GranularQueryMatcher matcher,
			TenantConsents consents, ResourceLookup lookup, Clock clock, EntryRules entryRules) {
		this.entryRules = entryRules;
		this.fhir = fhir;
		this.directory = directory;
		this.matcher = matcher;
		this.consents = consents;
		this.lookup = lookup;
		this.clock = clock;
	}

	/** The access of this request's token, or null on public endpoints and internal calls. */
	public static ResourceAccess access(RequestDetails request) {
		return request == null ? null : (ResourceAccess) request.getUserData().get(ACCESS);
	}

	// Before HAPI's SearchNarrowingInterceptor (order 0) and anything that reads.
	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = -100)
	public void checkRequest(RequestDetails request) {
		RestOperationTypeEnum op = request.getRestOperationType();
		String type = request.getResourceName();
		boolean hasId = request.getId() != null && request.getId().hasIdPart();
		Requirement requirement = Requirement.of(op, type, request.getOperation(), isConditional(request, op), hasId);
		if (requirement instanceof Requirement.Public) {
			return;
		}
		TokenVerdict.Valid token = RequestFacts.token(request);
		if (token == null) {
			throw new AuthenticationException("A bearer access token is required");
		}
		ResourceAccess access = new ResourceAccess(token, request.getTenantId(), fhir, directory, matcher, consents, clock);
		request.getUserData().put(ACCESS, access);
		String rule;
		if (requirement instanceof Requirement.OnType onType) {
			rule = onType(request, access, onType);
		} else if (requirement instanceof Requirement.OnInstance onInstance) {
			rule = onInstance(request, access, onInstance);
		} else if (requirement instanceof Requirement.OnEveryType every) {
			rule = allowed(request, access.decide(ResourceScope.ANY_TYPE, every.interaction()));
		} else if (requirement instanceof Requirement.PerEntry) {
			rule = perEntry(request, access, token);
		} else if (requirement instanceof Requirement.Page) {
			rule = "paging link of this token";
		} else if (requirement instanceof Requirement.SystemOnly systemOnly) {
			rule = systemOnly(request, token, systemOnly);
		} else {
			throw denied(request, ((Requirement.Refused) requirement).rule());
		}
		RequestFacts.allow(request, rule);
	}

	private String onType(RequestDetails request, ResourceAccess access, Requirement.OnType requirement) {
		if (requirement.type() == null) {
			throw denied(request, "no resource type");
		}
		AccessDecision decision = access.decide(requirement.type(), requirement.interaction());
		String rule = allowed(request, decision);
		if (requirement.interaction() == Interaction.SEARCH) {
			checkReverseChainsAndChains(request, access, requirement.type(), request.getParameters().keySet());
			narrowToGranularQuery(request, (AccessDecision.Allowed) decision);
		}
		return rule;
	}

	private String onInstance(RequestDetails request, ResourceAccess access, Requirement.OnInstance requirement) {
		String rule = allowed(request, access.decide(requirement.type(), requirement.interaction()));
		IIdType id = request.getId();
		Optional<IBaseResource> resource = lookup.read(request.getTenantId(), requirement.type(), id.getIdPart());
		if (resource.isPresent()) {
			Visibility visibility = access.see(resource.get());
			if (visibility.visible() && requirement.interaction() == Interaction.UPDATE) {
				visibility = access.write(resource.get(), Interaction.UPDATE);
			}
			if (!visibility.visible()) {
				RequestFacts.deny(request, visibility.rule());
				// Exactly what a missing id answers, so the answer reveals nothing.
				if ("$everything".equals(request.getOperation())) {
					throw new ResourceNotFoundException("HAPI-2841: Resource [[TokenParam[system=,value=" + id.getIdPart() + "]]] is not known.");
				}
				throw notFound(requirement.type(), id.getIdPart());
			}
		}
		return rule;
	}

	private String perEntry(RequestDetails request, ResourceAccess access, TokenVerdict.Valid token) {
		if (token.scopes().resourceScopes().isEmpty()) {
			throw denied(request, "a transaction or batch needs resource scopes; each entry is then checked on its own");
		}
		List<Bundle.BundleEntryComponent> entries = bundle(request).getEntry();
		if (entries.size() > entryRules.maxEntries()) {
			RequestFacts.deny(request, "more than " + entryRules.maxEntries() + " entries");
			throw new PayloadTooLargeException("A transaction or batch may carry at most " + entryRules.maxEntries()
					+ " entries; this one has " + entries.size());
		}
		for (int i = 0; i < entries.size(); i++) {
			Bundle.BundleEntryRequestComponent entry = entries.get(i).getRequest();
			String method = entry.getMethod() == null ? null : entry.getMethod().toCode();
			String url = entry.getUrl();
			String where = "entry " + (i + 1) + " (" + method + " " + (url == null ? "" : url.split("\\?")[0]) + "): ";
			checkEntry(request, access, token, where, BundleEntry.of(method, url, entry.getIfNoneExist()));
		}
		return "transaction/batch: each of " + entries.size() + " entries checked";
	}

	/** The checks a direct request with the entry's method and URL would meet, before anything runs. */
	private void checkEntry(RequestDetails request, ResourceAccess access, TokenVerdict.Valid token, String where, BundleEntry entry) {
		if (entry.type() != null && !entryRules.servedTypes().contains(entry.type())) {
			throw denied(request, where + entry.type() + " is not served on a tenant's FHIR base");
		}
		if (!entryRules.operations().permits(entry.operation())) {
			throw denied(request, where + "operation " + entry.operation() + " is not available on a tenant's FHIR base");
		}
		Requirement requirement = entry.requirement();
		if (requirement instanceof Requirement.OnType onType) {
			allowed(request, where, access.decide(onType.type(), onType.interaction()));
			if (onType.interaction() == Interaction.SEARCH) {
				checkReverseChainsAndChains(request, access, onType.type(), entry.parameters().keySet());
			}
		} else if (requirement instanceof Requirement.OnInstance onInstance) {
			allowed(request, where, access.decide(onInstance.type(), onInstance.interaction()));
		} else if (requirement instanceof Requirement.OnEveryType every) {
			allowed(request, where, access.decide(ResourceScope.ANY_TYPE, every.interaction()));
			checkReverseChainsAndChains(request, access, ResourceScope.ANY_TYPE, entry.parameters().keySet());
		} else if (requirement instanceof Requirement.SystemOnly systemOnly) {
			systemOnly(request, token, new Requirement.SystemOnly(where + systemOnly.what()));
		} else if (requirement instanceof Requirement.PerEntry || requirement instanceof Requirement.Page) {
			throw denied(request, where + "a bundle or paging link cannot be an entry");
		} else if (requirement instanceof Requirement.Refused refused) {
			throw denied(request, where + refused.rule());
		}
	}

	private Bundle bundle(RequestDetails request) {
		if (request.getResource() instanceof Bundle parsed) {
			return parsed;
		}
		byte[] body = request.loadRequestContents();
		String text = body == null ? "" : new String(body, java.nio.charset.StandardCharsets.UTF_8).stripLeading();
		try {
			ca.uhn.fhir.parser.IParser parser = text.startsWith("<") ? fhir.newXmlParser() : fhir.newJsonParser();
			return parser.parseResource(Bundle.class, text);
		} catch (ca.uhn.fhir.parser.DataFormatException | ClassCastException e) {
			throw new ca.uhn.fhir.rest.server.exceptions.InvalidRequestException("The request body is not a FHIR Bundle");
		}
	}

	private static void allowed(RequestDetails request, String where, AccessDecision decision) {
		if (decision instanceof AccessDecision.Denied denied) {
			throw denied(request, where + denied.rule());
		}
	}

	private static String systemOnly(RequestDetails request, TokenVerdict.Valid token, Requirement.SystemOnly requirement) {
		boolean system = token.scopes().resourceScopes().stream().anyMatch(s -> s.context() == ScopeContext.SYSTEM);
		if (!system) {
			throw denied(request, requirement.what() + " is available to backend clients with system/ scopes only");
		}
		return requirement.what() + " (system/ scope)";
	}

	private static String allowed(RequestDetails request, AccessDecision decision) {
		if (decision instanceof AccessDecision.Denied denied) {
			throw denied(request, denied.rule());
		}
		return ((AccessDecision.Allowed) decision).decidedBy().text();
	}

	/**
	 * {@code _has:Observation:patient:code=...} and {@code patient.name=...} search other types:
	 * they need unfiltered search on those types, or they would reveal what the token may not see.
	 * {@code _has} also needs the caller to reach every resource of that type (system/, or a
	 * tenant-wide practitioner), on every base type: it filters what the caller sees by what it
	 * may not see.
	 */
	private void checkReverseChainsAndChains(RequestDetails request, ResourceAccess access, String type, Set<String> parameters) {
		for (String name : parameters) {
			if (name.startsWith("_has:")) {
				String[] parts = name.split(":");
				for (int i = 1; i + 1 < parts.length; i += 3) {
					requireUnfilteredSearch(request, access, parts[i], name);
					if (!access.reachesEveryResourceOf(parts[i])) {
						throw denied(request, "search parameter " + name + " searches " + parts[i]
								+ " beyond the caller's reach (a patient's compartment, a practitioner's organizations or privacy consents)");
					}
				}
			} else if (!name.startsWith("_") && name.contains(".")) {
				for (String target : chainTargets(type, name)) {
					requireUnfilteredSearch(request, access, target, name);
				}
			}
		}
	}

	private Set<String> chainTargets(String type, String name) {
		if (ResourceScope.ANY_TYPE.equals(type)) {
			return Set.of(ResourceScope.ANY_TYPE);
		}
		String first = name.substring(0, name.indexOf('.'));
		int colon = first.indexOf(':');
		if (colon > 0) {
			return Set.of(first.substring(colon + 1));
		}
		RuntimeResourceDefinition definition = fhir.getResourceDefinition(type);
		RuntimeSearchParam param = definition.getSearchParam(first);
		if (param == null || param.getTargets().isEmpty()) {
			return Set.of(ResourceScope.ANY_TYPE);
		}
		return new LinkedHashSet<>(param.getTargets());
	}

	private static void requireUnfilteredSearch(RequestDetails request, ResourceAccess access, String type, String parameter) {
		AccessDecision decision = access.decide(type, Interaction.SEARCH);
		if (decision instanceof AccessDecision.Denied denied) {
			throw denied(request, "search parameter " + parameter + " searches " + type + ": " + denied.rule());
		}
		if (((AccessDecision.Allowed) decision).isFiltered()) {
			throw denied(request, "search parameter " + parameter + " searches " + type + " beyond the granted query of "
					+ ((AccessDecision.Allowed) decision).decidedBy().text());
		}
	}

	/**
	 * A granular scope's query becomes part of the search, so counts and pages are exact. Queries
	 * on one parameter combine as one OR list; queries on different parameters cannot be OR-ed
	 * in a FHIR search, so those results are filtered one by one instead (pages may come out short).
	 */
	private static void narrowToGranularQuery(RequestDetails request, AccessDecision.Allowed decision) {
		if (!decision.isFiltered()) {
			return;
		}
		List<Map<String, List<String>>> queries = decision.anyOfQueries();
		Set<String> names = new LinkedHashSet<>();
		queries.forEach(q -> names.addAll(q.keySet()));
		boolean oneParameterOneValue = names.size() == 1 && queries.stream().allMatch(q -> q.values().iterator().next().size() == 1);
		if (!oneParameterOneValue) {
			return;
		}
		String name = names.iterator().next();
		StringBuilder orList = new StringBuilder();
		for (Map<String, List<String>> query : queries) {
			orList.append(orList.length() == 0 ? "" : ",").append(query.get(name).get(0).replace(",", "\\,"));
		}
		Map<String, String[]> parameters = new LinkedHashMap<>(request.getParameters());
		String[] existing = parameters.getOrDefault(name, new String[0]);
		String[] narrowed = Arrays.copyOf(existing, existing.length + 1);
		narrowed[existing.length] = orList.toString();
		parameters.put(name, narrowed);
		request.setParameters(parameters);
		RequestSecurity.of(request).narrowedTo(name + "=" + orList);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void creating(RequestDetails request, IBaseResource resource) {
		ResourceAccess access = access(request);
		if (access == null) {
			return;
		}
		String type = fhir.getResourceType(resource);
		allowed(request, access.decide(type, Interaction.CREATE));
		requireAdministration(request, access, Interaction.CREATE, null, resource);
		refuseIfHidden(request, access.write(resource, Interaction.CREATE));
		noteConsent(request, type);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void updating(RequestDetails request, IBaseResource previous, IBaseResource updated) {
		ResourceAccess access = access(request);
		if (access == null) {
			return;
		}
		String type = fhir.getResourceType(updated);
		allowed(request, access.decide(type, Interaction.UPDATE));
		requireAdministration(request, access, Interaction.UPDATE, previous, updated);
		requireVisibleAndWritable(request, access, previous, Interaction.UPDATE);
		refuseIfHidden(request, access.write(updated, Interaction.UPDATE));
		noteConsent(request, type);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
	public void deleting(RequestDetails request, IBaseResource previous) {
		ResourceAccess access = access(request);
		if (access == null) {
			return;
		}
		String type = fhir.getResourceType(previous);
		allowed(request, access.decide(type, Interaction.DELETE));
		requireAdministration(request, access, Interaction.DELETE, previous, null);
		requireVisibleAndWritable(request, access, previous, Interaction.DELETE);
		noteConsent(request, type);
	}

	/**
	 * HAPI answers a read that consent filtering removed with code 1995 (vread) or 0436 (read)
	 * and a missing id with code 2001; the same text with the same code keeps a hidden resource
	 * indistinguishable from one that does not exist.
	 */
	@Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
	public ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException sameAnswerAsMissing(RequestDetails request, Throwable failure) {
		if (failure instanceof ResourceNotFoundException notFound && notFound.getMessage() != null
				&& (notFound.getMessage().startsWith("HAPI-1995: ") || notFound.getMessage().startsWith("HAPI-0436: "))) {
			String text = notFound.getMessage().substring("HAPI-1995: ".length()).replaceFirst("/_history/[^ ]+", "");
			return new ResourceNotFoundException("HAPI-2001: " + text);
		}
		return null;
	}

	@Hook(Pointcut.SERVER_PROCESSING_COMPLETED_NORMALLY)
	public void afterCommit(RequestDetails request) {
		if (request.getUserData().containsKey(CONSENT_WRITTEN)) {
			consents.invalidate(request.getTenantId());
		}
	}

	/**
	 * Access-defining data ({@link AccessDefiningData}) is tenant administration: refused to app
	 * tokens whatever their scopes, and an allowed change leaves its before and after for the
	 * write's audit record.
	 */
	private static void requireAdministration(RequestDetails request, ResourceAccess access, Interaction interaction,
			IBaseResource previous, IBaseResource next) {
		IBaseResource any = next != null ? next : previous;
		String refusal = AccessDefiningData.refusal(access, access.decide(any.fhirType(), interaction), previous, next);
		if (refusal != null) {
			throw denied(request, refusal);
		}
		if (AccessDefiningData.isAccessDefining(previous, next)) {
			String id = any.getIdElement().hasIdPart() ? any.fhirType() + "/" + any.getIdElement().getIdPart() : "new " + any.fhirType();
			String change = id + " before {" + AccessDefiningData.describe(previous) + "} after {" + AccessDefiningData.describe(next) + "}";
			RequestSecurity.of(request).accessChanged(change);
		}
	}

	private void requireVisibleAndWritable(RequestDetails request, ResourceAccess access, IBaseResource previous, Interaction interaction) {
		Visibility seen = access.see(previous);
		if (!seen.visible()) {
			RequestFacts.deny(request, seen.rule());
			throw notFound(fhir.getResourceType(previous), previous.getIdElement().getIdPart());
		}
		refuseIfHidden(request, access.write(previous, interaction));
	}

	private static void refuseIfHidden(RequestDetails request, Visibility visibility) {
		if (!visibility.visible()) {
			throw denied(request, visibility.rule());
		}
	}

	private static void noteConsent(RequestDetails request, String type) {
		if ("Consent".equals(type)) {
			request.getUserData().put(CONSENT_WRITTEN, Boolean.TRUE);
		}
	}

	private static boolean isConditional(RequestDetails request, RestOperationTypeEnum op) {
		if (op == RestOperationTypeEnum.CREATE) {
			String ifNoneExist = request.getHeader(Constants.HEADER_IF_NONE_EXIST);
			return ifNoneExist != null && !ifNoneExist.isBlank();
		}
		if (op == RestOperationTypeEnum.UPDATE || op == RestOperationTypeEnum.PATCH || op == RestOperationTypeEnum.DELETE) {
			return request.getConditionalUrl(op) != null;
		}
		return false;
	}

	static ResourceNotFoundException notFound(String type, String id) {
		return new ResourceNotFoundException("HAPI-2001: Resource " + type + "/" + id + " is not known");
	}

	static ForbiddenOperationException denied(RequestDetails request, String rule) {
		RequestFacts.deny(request, rule);
		return new ForbiddenOperationException("Access denied: " + rule);
	}
}
