package io.smartvitals.smart.model.scope;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a space-separated SMART scope string (App Launch 2.x, section "Scopes and Launch
 * Context") into a {@link ScopeSet}. Resource scopes in v1 form ({@code read}, {@code write},
 * {@code *}) and v2 form ({@code cruds} in that order, optional {@code ?param=value&...}) are
 * accepted; anything that looks like a resource scope but is malformed is refused rather than
 * silently ignored, so a typo never widens or narrows access unnoticed.
 */
public final class ScopeParser {

	private static final Pattern RESOURCE_SCOPE =
			Pattern.compile("(patient|user|system)/([A-Z][A-Za-z]{0,63}|\\*)\\.([a-z*]+)(\\?.*)?");
	private static final Pattern V2_PERMISSIONS = Pattern.compile("c?r?u?d?s?");
	private static final Pattern OTHER_SCOPE = Pattern.compile("[A-Za-z][A-Za-z0-9_./:-]{0,127}");
	/** {@code something/Type...}: a resource scope with a context SMART does not define. */
	private static final Pattern UNKNOWN_CONTEXT = Pattern.compile("[A-Za-z]+/([A-Z]|\\*).*");
	private static final int MAX_SCOPES = 100;
	/**
	 * This server's one operation scope under {@code system/}: an EHR (a backend client) may create
	 * launch contexts with {@code POST /auth/{tenant}/launch}. It names no resource type, so it is
	 * kept as an other scope and grants nothing at the FHIR API.
	 */
	public static final String SYSTEM_LAUNCH = "system/launch";

	/**
	 * Tenant administration through the FHIR API: a backend client holding it may write the data
	 * that decides who sees what (Organizations, PractitionerRoles, client Devices, Consents,
	 * patients' care providers). Only an operator grants it, by registering it for the client;
	 * like {@link #SYSTEM_LAUNCH} it names no resource type and grants no FHIR access by itself.
	 */
	public static final String SYSTEM_ACCESS_POLICY = "system/access-policy";

	private ScopeParser() {}

	public static ScopeSet parse(String scopes) {
		List<ResourceScope> resourceScopes = new ArrayList<>();
		Set<String> others = new LinkedHashSet<>();
		if (scopes == null || scopes.isBlank()) {
			return new ScopeSet(resourceScopes, others);
		}
		String[] tokens = scopes.strip().split(" +");
		if (tokens.length > MAX_SCOPES) {
			throw new InvalidScopeException(scopes, "more than " + MAX_SCOPES + " scopes");
		}
		for (String token : tokens) {
			if (token.equals(SYSTEM_LAUNCH) || token.equals(SYSTEM_ACCESS_POLICY)) {
				others.add(token);
			} else if (token.startsWith("patient/") || token.startsWith("user/") || token.startsWith("system/")) {
				resourceScopes.add(resourceScope(token));
			} else if (OTHER_SCOPE.matcher(token).matches() && !UNKNOWN_CONTEXT.matcher(token).matches()) {
				others.add(token);
			} else {
				throw new InvalidScopeException(token, "not a SMART scope");
			}
		}
		return new ScopeSet(resourceScopes, others);
	}

	static ResourceScope resourceScope(String token) {
		Matcher m = RESOURCE_SCOPE.matcher(token);
		if (!m.matches()) {
			throw new InvalidScopeException(token, "expected context/Type.permissions");
		}
		ScopeContext context = ScopeContext.fromPrefix(m.group(1));
		Set<Permission> permissions = permissions(token, m.group(3));
		Map<String, List<String>> query = m.group(4) == null ? Map.of() : query(token, m.group(4).substring(1));
		return new ResourceScope(context, m.group(2), permissions, query, token);
	}

	private static Set<Permission> permissions(String token, String text) {
		switch (text) {
			case "read":
				return Permission.v1Read();
			case "write":
				return Permission.v1Write();
			case "*":
				return EnumSet.allOf(Permission.class);
			default:
				if (text.isEmpty() || !V2_PERMISSIONS.matcher(text).matches()) {
					throw new InvalidScopeException(token, "permissions must be read, write, * or c?r?u?d?s? in that order");
				}
				EnumSet<Permission> permissions = EnumSet.noneOf(Permission.class);
				for (Permission p : Permission.values()) {
					if (text.indexOf(p.letter()) >= 0) {
						permissions.add(p);
					}
				}
				return permissions;
		}
	}

	private static Map<String, List<String>> query(String token, String query) {
		if (query.isEmpty()) {
			throw new InvalidScopeException(token, "empty query");
		}
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		for (String pair : query.split("&")) {
			int eq = pair.indexOf('=');
			if (eq <= 0 || eq == pair.length() - 1) {
				throw new InvalidScopeException(token, "query parameters must be name=value");
			}
			String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
			String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			if (!name.matches("[a-z_][A-Za-z0-9_-]*(:[a-z-]+)?")) {
				throw new InvalidScopeException(token, "bad search parameter name");
			}
			parameters.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
		}
		return parameters;
	}
}
