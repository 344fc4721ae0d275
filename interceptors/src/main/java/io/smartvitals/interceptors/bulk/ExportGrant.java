package io.smartvitals.interceptors.bulk;

import io.smartvitals.smart.model.scope.AccessDecision;
import io.smartvitals.smart.model.scope.Interaction;
import io.smartvitals.smart.model.scope.ResourceScope;
import io.smartvitals.smart.model.scope.ScopeContext;
import io.smartvitals.smart.model.scope.ScopePolicy;
import io.smartvitals.smart.model.scope.ScopeSet;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one export may contain, decided from the token's {@code system/} scopes before the job
 * starts: the resource types (by default every type the scopes let the client search; asking for
 * another is 403 naming it), and for a granular scope such as
 * {@code system/Observation.rs?category=...|vital-signs} the query every exported resource of
 * that type must match. The granted query becomes HAPI's {@code _typeFilter} (the database does
 * the filtering); when the client sent its own {@code _typeFilter} for that type, the client's
 * query selects and the granted one is applied after fetching, so the two are AND-ed, not OR-ed.
 * Resources are checked once more one by one as they are written (with consent), so this is the
 * efficient path, not the only guard.
 *
 * @param types resource types to export
 * @param typeFilters HAPI {@code _typeFilter} queries (OR-ed per type)
 * @param postFetchFilters queries a fetched resource of that type must also match (OR-ed per type)
 */
public record ExportGrant(List<String> types, List<String> typeFilters, List<String> postFetchFilters) {

	public ExportGrant {
		types = List.copyOf(types);
		typeFilters = List.copyOf(typeFilters);
		postFetchFilters = List.copyOf(postFetchFilters);
	}

	/**
	 * @param scopes the token's scopes; only {@code system/} ones count for an export
	 * @param candidateTypes the types this level of export can contain (all served types, or those with a Patient compartment)
	 */
	public static ExportGrant decide(ScopeSet scopes, ExportRequest request, Set<String> candidateTypes) {
		List<ResourceScope> system = scopes.resourceScopes().stream().filter(s -> s.context() == ScopeContext.SYSTEM).toList();
		if (system.isEmpty()) {
			throw new ExportRefusal(403, "$export is available to backend clients with system/ scopes only");
		}
		ScopeSet systemOnly = new ScopeSet(system, Set.of());
		List<String> types = new ArrayList<>();
		List<String> filters = new ArrayList<>();
		List<String> postFetch = new ArrayList<>();
		List<String> asked = request.types().isEmpty() ? candidateTypes.stream().sorted().toList() : request.types();
		for (String type : asked) {
			if (!candidateTypes.contains(type)) {
				throw new ExportRefusal(400, "_type " + type + " has no Patient compartment and cannot be exported at this level");
			}
			AccessDecision decision = ScopePolicy.decide(systemOnly, null, type, Interaction.SEARCH);
			if (decision instanceof AccessDecision.Denied denied) {
				if (!request.types().isEmpty()) {
					throw new ExportRefusal(403, "_type " + type + " is not granted by the token's scopes: " + denied.rule());
				}
				continue;
			}
			types.add(type);
			List<String> clientFilters = request.typeFilters().stream().filter(f -> f.startsWith(type + "?")).toList();
			AccessDecision.Allowed allowed = (AccessDecision.Allowed) decision;
			if (!allowed.isFiltered()) {
				filters.addAll(clientFilters);
			} else if (clientFilters.isEmpty()) {
				allowed.anyOfQueries().forEach(q -> filters.add(url(type, q)));
			} else {
				filters.addAll(clientFilters);
				allowed.anyOfQueries().forEach(q -> postFetch.add(url(type, q)));
			}
		}
		for (String filter : request.typeFilters()) {
			requireSearchableReach(systemOnly, filter);
			String type = filter.substring(0, filter.indexOf('?'));
			if (!types.contains(type)) {
				// Not among the asked _types: a malformed request; among the defaults but not granted: the scopes refuse it.
				throw new ExportRefusal(request.types().isEmpty() && candidateTypes.contains(type) ? 403 : 400,
						"_typeFilter " + filter + " is for a type that is not exported");
			}
		}
		if (types.isEmpty()) {
			throw new ExportRefusal(403, "The token's system/ scopes grant search on no resource type that this export can contain");
		}
		return new ExportGrant(types, filters, postFetch);
	}

	/**
	 * A {@code _typeFilter} query meets the checks the same search would: {@code _has} and chains
	 * search other types, so they need unfiltered search there (a chain's target is not known
	 * here, so it needs {@code *}); includes and free-form filters have no place in a filter.
	 */
	static void requireSearchableReach(ScopeSet scopes, String filter) {
		for (String pair : filter.substring(filter.indexOf('?') + 1).split("&")) {
			String name;
			try {
				name = java.net.URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
			} catch (IllegalArgumentException badEscape) {
				throw new ExportRefusal(400, "_typeFilter " + filter + " is not a valid query");
			}
			if (name.startsWith("_has:")) {
				String[] parts = name.split(":");
				for (int i = 1; i + 1 < parts.length; i += 3) {
					requireUnfilteredSearch(scopes, parts[i], filter, name);
				}
			} else if (Set.of("_include", "_revinclude", "_contained", "_filter", "_query").contains(name.split(":")[0])) {
				throw new ExportRefusal(400, "_typeFilter " + filter + ": " + name + " is not allowed in a _typeFilter");
			} else if (!name.startsWith("_") && name.contains(".")) {
				requireUnfilteredSearch(scopes, ResourceScope.ANY_TYPE, filter, name);
			}
		}
	}

	private static void requireUnfilteredSearch(ScopeSet scopes, String type, String filter, String parameter) {
		AccessDecision decision = ScopePolicy.decide(scopes, null, type, Interaction.SEARCH);
		if (decision instanceof AccessDecision.Denied || ((AccessDecision.Allowed) decision).isFiltered()) {
			throw new ExportRefusal(403, "_typeFilter " + filter + ": " + parameter + " searches " + type
					+ ", which the token's scopes do not grant unfiltered search on");
		}
	}

	static String url(String type, Map<String, List<String>> query) {
		StringBuilder url = new StringBuilder(type).append('?');
		query.forEach((name, values) -> values.forEach(value -> url.append(url.charAt(url.length() - 1) == '?' ? "" : "&")
				.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8))));
		return url.toString();
	}
}
