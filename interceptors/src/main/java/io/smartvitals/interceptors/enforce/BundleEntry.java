package io.smartvitals.interceptors.enforce;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One transaction or batch entry as the request it stands for: the HAPI operation type, resource
 * type, extended operation and search parameters its method and relative URL name, so the entry
 * meets the same {@link Requirement} as the same request sent on its own. An entry whose URL no
 * direct request could have (absolute, nested bundle, unknown shape) has no operation type and is
 * refused.
 *
 * @param operationType null when the URL names nothing a direct request could
 * @param parameters decoded query parameters, for the {@code _has} and chain checks of searches
 */
public record BundleEntry(
		RestOperationTypeEnum operationType, String type, String operation, boolean hasId, boolean conditional,
		Map<String, List<String>> parameters) {

	public BundleEntry {
		parameters = Map.copyOf(parameters);
	}

	/** The requirement the same direct request would have. */
	public Requirement requirement() {
		return Requirement.of(operationType, type, operation, conditional, hasId);
	}

	public static BundleEntry of(String method, String url, String ifNoneExist) {
		if (method == null || url == null || url.isBlank() || url.contains("://") || url.startsWith("/")) {
			return unknown();
		}
		int question = url.indexOf('?');
		String path = question < 0 ? url : url.substring(0, question);
		Map<String, List<String>> parameters;
		try {
			parameters = question < 0 ? Map.of() : parameters(url.substring(question + 1));
		} catch (IllegalArgumentException badEscape) {
			return unknown();
		}
		String[] segments = path.isEmpty() ? new String[0] : path.split("/", -1);
		for (String segment : segments) {
			if (segment.isEmpty()) {
				return unknown();
			}
		}
		boolean hasQuery = question >= 0;
		String type = segments.length > 0 && Character.isUpperCase(segments[0].charAt(0)) ? segments[0] : null;
		String last = segments.length == 0 ? "" : segments[segments.length - 1];
		String operation = last.startsWith("$") ? last : null;
		return switch (method.toUpperCase(java.util.Locale.ROOT)) {
			case "GET", "HEAD" -> read(segments, type, operation, parameters);
			case "POST" -> post(segments, type, operation, parameters, ifNoneExist);
			case "PUT" -> write(RestOperationTypeEnum.UPDATE, segments, type, hasQuery, parameters);
			case "PATCH" -> write(RestOperationTypeEnum.PATCH, segments, type, hasQuery, parameters);
			case "DELETE" -> write(RestOperationTypeEnum.DELETE, segments, type, hasQuery, parameters);
			default -> unknown();
		};
	}

	private static BundleEntry read(String[] s, String type, String operation, Map<String, List<String>> parameters) {
		if (operation != null) {
			return extended(s, type, operation, parameters);
		}
		if (s.length == 1 && "metadata".equals(s[0])) {
			return new BundleEntry(RestOperationTypeEnum.METADATA, null, null, false, false, parameters);
		}
		if (s.length == 0) {
			return new BundleEntry(RestOperationTypeEnum.SEARCH_SYSTEM, null, null, false, false, parameters);
		}
		if (s.length == 1 && "_history".equals(s[0])) {
			return new BundleEntry(RestOperationTypeEnum.HISTORY_SYSTEM, null, null, false, false, parameters);
		}
		if (type == null) {
			return unknown();
		}
		return switch (s.length) {
			case 1 -> new BundleEntry(RestOperationTypeEnum.SEARCH_TYPE, type, null, false, false, parameters);
			case 2 -> "_history".equals(s[1])
					? new BundleEntry(RestOperationTypeEnum.HISTORY_TYPE, type, null, false, false, parameters)
					: new BundleEntry(RestOperationTypeEnum.READ, type, null, true, false, parameters);
			case 3 -> "_history".equals(s[2])
					? new BundleEntry(RestOperationTypeEnum.HISTORY_INSTANCE, type, null, true, false, parameters)
					: unknown();
			case 4 -> "_history".equals(s[2])
					? new BundleEntry(RestOperationTypeEnum.VREAD, type, null, true, false, parameters)
					: unknown();
			default -> unknown();
		};
	}

	private static BundleEntry post(String[] s, String type, String operation, Map<String, List<String>> parameters, String ifNoneExist) {
		if (operation != null) {
			return extended(s, type, operation, parameters);
		}
		if (type != null && s.length == 1) {
			boolean conditional = ifNoneExist != null && !ifNoneExist.isBlank();
			return new BundleEntry(RestOperationTypeEnum.CREATE, type, null, false, conditional, parameters);
		}
		if (type != null && s.length == 2 && "_search".equals(s[1])) {
			return new BundleEntry(RestOperationTypeEnum.SEARCH_TYPE, type, null, false, false, parameters);
		}
		// A bundle inside a bundle, or a shape no direct request has.
		return unknown();
	}

	private static BundleEntry write(RestOperationTypeEnum op, String[] s, String type, boolean hasQuery, Map<String, List<String>> parameters) {
		if (type == null) {
			return unknown();
		}
		if (s.length == 2) {
			return new BundleEntry(op, type, null, true, false, parameters);
		}
		if (s.length == 1 && hasQuery) {
			return new BundleEntry(op, type, null, false, true, parameters);
		}
		return unknown();
	}

	private static BundleEntry extended(String[] s, String type, String operation, Map<String, List<String>> parameters) {
		return switch (s.length) {
			case 1 -> new BundleEntry(RestOperationTypeEnum.EXTENDED_OPERATION_SERVER, null, operation, false, false, parameters);
			case 2 -> type == null ? unknown()
					: new BundleEntry(RestOperationTypeEnum.EXTENDED_OPERATION_TYPE, type, operation, false, false, parameters);
			case 3 -> type == null ? unknown()
					: new BundleEntry(RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE, type, operation, true, false, parameters);
			default -> unknown();
		};
	}

	private static Map<String, List<String>> parameters(String query) {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		for (String pair : query.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			parameters.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
		}
		return parameters;
	}

	private static BundleEntry unknown() {
		return new BundleEntry(null, null, null, false, false, Map.of());
	}
}
