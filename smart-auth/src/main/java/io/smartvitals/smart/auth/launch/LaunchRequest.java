package io.smartvitals.smart.auth.launch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validated body of {@code POST /auth/{tenant}/launch}:
 * {@code {"patient": "id" | "Patient/id", "encounter"?: ..., "fhirContext"?: [ {...}, ... ]}}.
 * Unknown fields are refused, so a misspelt field never silently drops context.
 */
public record LaunchRequest(String patient, String encounter, String fhirContextJson) {

	private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
	private static final Set<String> FIELDS = Set.of("patient", "encounter", "fhirContext");
	static final int MAX_CONTEXT_ITEMS = 20;
	static final int MAX_CONTEXT_CHARS = 4000;
	private static final ObjectMapper JSON = new ObjectMapper();

	public LaunchRequest {
		if (patient == null || !FHIR_ID.matcher(patient).matches()) {
			throw new IllegalArgumentException("patient must be a Patient id");
		}
		if (encounter != null && !FHIR_ID.matcher(encounter).matches()) {
			throw new IllegalArgumentException("encounter must be an Encounter id");
		}
	}

	/** @throws IllegalArgumentException with a message fit for a 400 answer */
	public static LaunchRequest parse(String body) {
		JsonNode root;
		try {
			root = body == null || body.isBlank() ? null : JSON.readTree(body);
		} catch (JsonProcessingException e) {
			throw new IllegalArgumentException("The body is not valid JSON");
		}
		if (root == null || !root.isObject()) {
			throw new IllegalArgumentException("The body must be a JSON object with at least \"patient\"");
		}
		for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
			String name = names.next();
			if (!FIELDS.contains(name)) {
				throw new IllegalArgumentException("Unknown field: " + (name.length() > 40 ? name.substring(0, 40) : name));
			}
		}
		String patient = reference(root.get("patient"), "Patient", true);
		String encounter = reference(root.get("encounter"), "Encounter", false);
		String fhirContext = null;
		JsonNode context = root.get("fhirContext");
		if (context != null && !context.isNull()) {
			if (!context.isArray() || context.size() > MAX_CONTEXT_ITEMS) {
				throw new IllegalArgumentException("fhirContext must be an array of at most " + MAX_CONTEXT_ITEMS + " objects");
			}
			for (JsonNode item : context) {
				if (!item.isObject() || !(item.has("reference") || item.has("canonical") || item.has("identifier"))) {
					throw new IllegalArgumentException("each fhirContext item must be an object with reference, canonical or identifier");
				}
			}
			fhirContext = context.toString();
			if (fhirContext.length() > MAX_CONTEXT_CHARS) {
				throw new IllegalArgumentException("fhirContext is larger than " + MAX_CONTEXT_CHARS + " characters");
			}
		}
		return new LaunchRequest(patient, encounter, fhirContext);
	}

	private static String reference(JsonNode node, String type, boolean required) {
		if (node == null || node.isNull()) {
			if (required) {
				throw new IllegalArgumentException(type.toLowerCase() + " is required");
			}
			return null;
		}
		if (!node.isTextual()) {
			throw new IllegalArgumentException(type.toLowerCase() + " must be a string");
		}
		String value = node.asText();
		String id = value.startsWith(type + "/") ? value.substring(type.length() + 1) : value;
		if (!FHIR_ID.matcher(id).matches()) {
			throw new IllegalArgumentException(type.toLowerCase() + " must be an id or " + type + "/{id}");
		}
		return id;
	}
}
