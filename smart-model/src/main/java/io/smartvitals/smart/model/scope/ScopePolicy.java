package io.smartvitals.smart.model.scope;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides, from a token's scopes and launch context, whether one interaction on one resource
 * type is allowed and how it is narrowed. Among scopes that grant every needed permission the
 * broadest context wins (system, then user, then patient); within it, one unfiltered scope
 * makes the access unfiltered, otherwise the granular queries of that context combine with OR.
 */
public final class ScopePolicy {

	private ScopePolicy() {}

	/**
	 * @param launchPatient the token's {@code patient} claim, or null
	 */
	public static AccessDecision decide(ScopeSet scopes, String launchPatient, String resourceType, Interaction interaction) {
		for (ScopeContext context : List.of(ScopeContext.SYSTEM, ScopeContext.USER, ScopeContext.PATIENT)) {
			List<ResourceScope> granting = granting(scopes, context, resourceType, interaction.needs());
			if (granting.isEmpty()) {
				continue;
			}
			if (context == ScopeContext.PATIENT && (launchPatient == null || launchPatient.isBlank())) {
				return new AccessDecision.Denied("patient/ scopes need a patient in the launch context, and this token has none");
			}
			String compartment = context == ScopeContext.PATIENT ? launchPatient : null;
			for (ResourceScope scope : granting) {
				if (!scope.isGranular()) {
					return new AccessDecision.Allowed(scope, compartment, List.of());
				}
			}
			List<Map<String, List<String>>> queries = new ArrayList<>();
			granting.forEach(scope -> queries.add(scope.query()));
			return new AccessDecision.Allowed(granting.get(0), compartment, queries);
		}
		return new AccessDecision.Denied("No granted scope allows " + letters(interaction.needs()) + " on " + resourceType
				+ " (for example patient/" + resourceType + "." + letters(interaction.needs()) + ")");
	}

	/**
	 * Scopes of one context that together satisfy every needed permission. A granular scope only
	 * counts when it grants all of them itself: combining {@code .r?category=a} with {@code .s?category=b}
	 * must not yield search on category a.
	 */
	private static List<ResourceScope> granting(ScopeSet scopes, ScopeContext context, String type, Set<Permission> needs) {
		List<ResourceScope> ofContext = scopes.resourceScopes().stream()
				.filter(s -> s.context() == context && s.covers(type))
				.toList();
		List<ResourceScope> complete = ofContext.stream().filter(s -> s.permissions().containsAll(needs)).collect(Collectors.toList());
		// v2 lets one grant read and search as separate scopes (.r and .s); unfiltered ones may combine.
		EnumSet<Permission> unfiltered = EnumSet.noneOf(Permission.class);
		ofContext.stream().filter(s -> !s.isGranular()).forEach(s -> unfiltered.addAll(s.permissions()));
		if (complete.stream().noneMatch(s -> !s.isGranular()) && unfiltered.containsAll(needs)) {
			complete.add(0, ofContext.stream().filter(s -> !s.isGranular()).findFirst().orElseThrow());
		}
		complete.addAll(sameQueryCombinations(ofContext, needs, complete));
		return complete;
	}

	/** Granular scopes with the same query whose permissions only together cover the needs (e.g. {@code .r?q} and {@code .s?q}). */
	private static List<ResourceScope> sameQueryCombinations(List<ResourceScope> ofContext, Set<Permission> needs, List<ResourceScope> already) {
		Map<Map<String, List<String>>, List<ResourceScope>> byQuery = ofContext.stream()
				.filter(ResourceScope::isGranular)
				.collect(Collectors.groupingBy(ResourceScope::query));
		List<ResourceScope> combined = new ArrayList<>();
		byQuery.forEach((query, group) -> {
			EnumSet<Permission> together = EnumSet.noneOf(Permission.class);
			group.forEach(s -> together.addAll(s.permissions()));
			boolean alreadyCovered = already.stream().anyMatch(s -> s.query().equals(query));
			if (!alreadyCovered && together.containsAll(needs)) {
				combined.add(group.get(0));
			}
		});
		return combined;
	}

	private static String letters(Set<Permission> permissions) {
		StringBuilder text = new StringBuilder();
		for (Permission p : Permission.values()) {
			if (permissions.contains(p)) {
				text.append(p.letter());
			}
		}
		return text.toString();
	}
}
