package io.smartvitals.interceptors.bulk;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a Bulk Data kick-off request (headers and parameters, GET or POST) into an
 * {@link ExportRequest}, refusing with 400 what the specification says to refuse: an
 * {@code Accept} other than {@code application/fhir+json}, no {@code Prefer: respond-async}, an
 * unknown output format or resource type, and parameters this server does not support, unless
 * the client asked for {@code Prefer: handling=lenient}.
 */
public final class ExportKickoff {

	public static final Set<String> OUTPUT_FORMATS = Set.of("application/fhir+ndjson", "application/ndjson", "ndjson");
	/** Parameters of the specification this server does not implement: refused, or ignored when lenient. */
	private static final Set<String> UNSUPPORTED = Set.of("_elements", "includeAssociatedData", "_until", "organizeOutputBy", "allowPartialManifests");
	private static final Set<String> SUPPORTED = Set.of("_outputFormat", "_since", "_type", "_typeFilter", "patient");
	// A _typeFilter value is a list of queries separated by commas that start a new "Type?": commas
	// inside a query (OR-ed values) stay.
	private static final Pattern FILTER_SEPARATOR = Pattern.compile(",(?=[A-Z][A-Za-z]+\\?)");
	private static final Pattern PATIENT_REFERENCE = Pattern.compile("Patient/[A-Za-z0-9\\-.]{1,64}");

	private final Set<String> exportableTypes;

	/** @param exportableTypes resource types the tenant's FHIR base serves */
	public ExportKickoff(Set<String> exportableTypes) {
		this.exportableTypes = Set.copyOf(exportableTypes);
	}

	/**
	 * @param accept the {@code Accept} header values
	 * @param prefer the {@code Prefer} header values
	 * @param parameters query parameters (GET) or the Parameters body flattened to strings (POST);
	 *     {@code patient} values as {@code Patient/id}
	 */
	public ExportRequest read(ExportLevel level, String groupId, boolean post, List<String> accept, List<String> prefer,
			Map<String, List<String>> parameters) {
		requireAcceptFhirJson(accept);
		Set<String> preferences = preferences(prefer);
		if (!preferences.contains("respond-async")) {
			throw new ExportRefusal(400, "$export is asynchronous: send the header Prefer: respond-async");
		}
		boolean lenient = preferences.contains("handling=lenient");
		List<String> ignored = new ArrayList<>();
		for (String name : parameters.keySet()) {
			if (SUPPORTED.contains(name)) {
				continue;
			}
			String why = UNSUPPORTED.contains(name) ? "is not supported by this server" : "is not a parameter of $export";
			if (!lenient) {
				throw new ExportRefusal(400, "Parameter " + name + " " + why
						+ " (send Prefer: handling=lenient to have unsupported parameters ignored)");
			}
			ignored.add(name);
		}
		for (String format : values(parameters, "_outputFormat")) {
			if (!OUTPUT_FORMATS.contains(format)) {
				throw new ExportRefusal(400, "_outputFormat " + format + " is not supported; use one of application/fhir+ndjson, application/ndjson, ndjson");
			}
		}
		List<String> types = types(parameters);
		Instant since = since(parameters);
		List<String> filters = typeFilters(parameters);
		List<String> patients = patients(level, post, parameters);
		return new ExportRequest(level, groupId, types, since, filters, patients, ignored);
	}

	private static void requireAcceptFhirJson(List<String> accept) {
		boolean fhirJson = accept != null && accept.stream()
				.flatMap(a -> List.of(a.split(",")).stream())
				.map(a -> a.split(";")[0].strip())
				.anyMatch("application/fhir+json"::equalsIgnoreCase);
		if (!fhirJson) {
			throw new ExportRefusal(400, "$export needs the header Accept: application/fhir+json");
		}
	}

	private static Set<String> preferences(List<String> prefer) {
		Set<String> all = new LinkedHashSet<>();
		if (prefer != null) {
			for (String header : prefer) {
				for (String preference : header.split("[,;]")) {
					all.add(preference.strip().replace(" ", "").toLowerCase());
				}
			}
		}
		return all;
	}

	private static List<String> values(Map<String, List<String>> parameters, String name) {
		List<String> values = new ArrayList<>();
		for (String value : parameters.getOrDefault(name, List.of())) {
			if (value != null && !value.isBlank()) {
				values.add(value.strip());
			}
		}
		return values;
	}

	private List<String> types(Map<String, List<String>> parameters) {
		Set<String> types = new LinkedHashSet<>();
		for (String value : values(parameters, "_type")) {
			for (String type : value.split(",")) {
				String t = type.strip();
				if (t.isEmpty()) {
					continue;
				}
				if (!exportableTypes.contains(t)) {
					throw new ExportRefusal(400, "_type " + t + " is not a resource type this server exports");
				}
				types.add(t);
			}
		}
		return List.copyOf(types);
	}

	private static Instant since(Map<String, List<String>> parameters) {
		List<String> values = values(parameters, "_since");
		if (values.isEmpty()) {
			return null;
		}
		if (values.size() > 1) {
			throw new ExportRefusal(400, "_since may be given once");
		}
		// An unencoded '+' of a time zone offset arrives as a space in a query string.
		String value = values.get(0).replace(' ', '+');
		try {
			return OffsetDateTime.parse(value).toInstant();
		} catch (DateTimeParseException e) {
			throw new ExportRefusal(400, "_since " + value + " is not a FHIR instant (e.g. 2026-11-01T00:00:00Z)");
		}
	}

	private List<String> typeFilters(Map<String, List<String>> parameters) {
		List<String> filters = new ArrayList<>();
		for (String value : values(parameters, "_typeFilter")) {
			for (String filter : FILTER_SEPARATOR.split(value)) {
				int question = filter.indexOf('?');
				String type = question < 0 ? filter : filter.substring(0, question);
				if (question < 1 || question == filter.length() - 1 || !exportableTypes.contains(type)) {
					throw new ExportRefusal(400, "_typeFilter " + filter + " is not of the form Type?search-parameters");
				}
				filters.add(filter);
			}
		}
		return filters;
	}

	private static List<String> patients(ExportLevel level, boolean post, Map<String, List<String>> parameters) {
		List<String> patients = values(parameters, "patient");
		if (patients.isEmpty()) {
			return List.of();
		}
		if (!post || level == ExportLevel.SYSTEM) {
			throw new ExportRefusal(400, "The patient parameter is accepted only with POST at Patient/$export or Group/[id]/$export");
		}
		for (String patient : patients) {
			if (!PATIENT_REFERENCE.matcher(patient).matches()) {
				throw new ExportRefusal(400, "patient " + patient + " is not a reference of the form Patient/[id]");
			}
		}
		return patients;
	}
}
