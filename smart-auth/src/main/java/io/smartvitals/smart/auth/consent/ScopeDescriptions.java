package io.smartvitals.smart.auth.consent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SMART scopes in plain words for the approval page (App Launch 2.x "Scopes and Launch Context"):
 * v1 ({@code read}, {@code write}, {@code *}) and v2 ({@code cruds}) resource scopes with optional
 * granular query, launch scopes and the OpenID Connect ones. Unknown scopes are named as they are.
 */
public final class ScopeDescriptions {

	public static final String VITAL_SIGNS_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category|vital-signs";
	private static final Pattern RESOURCE_SCOPE = Pattern.compile("(patient|user|system)/([A-Z][A-Za-z]{0,63}|\\*)\\.([a-z*]+)(\\?(.+))?");
	private static final Pattern V2_PERMISSIONS = Pattern.compile("c?r?u?d?s?");

	private static final Map<String, String> OTHER_SCOPES = Map.of(
			"openid", "Confirm to the app that it is you who signed in",
			"fhirUser", "Know who you are: your own FHIR record (Practitioner or Patient)",
			"profile", "See your basic profile (name)",
			"offline_access", "Keep access after you close the app, until you or an administrator revoke it",
			"online_access", "Keep access while you are using the app",
			"launch", "Receive the patient and encounter the EHR opened it for",
			"launch/patient", "Ask which patient to work with when it starts",
			"launch/encounter", "Ask which encounter to work with when it starts");

	private static final Map<String, String> RESOURCE_NAMES = Map.ofEntries(
			Map.entry("*", "all kinds of health records"),
			Map.entry("Observation", "observations (vital signs, lab results and other measurements)"),
			Map.entry("Patient", "patient demographics"),
			Map.entry("Practitioner", "practitioner details"),
			Map.entry("PractitionerRole", "practitioner roles"),
			Map.entry("Organization", "organizations"),
			Map.entry("Encounter", "encounters (visits and stays)"),
			Map.entry("Condition", "conditions and diagnoses"),
			Map.entry("MedicationRequest", "medication prescriptions"),
			Map.entry("AllergyIntolerance", "allergies and intolerances"),
			Map.entry("Immunization", "immunizations"),
			Map.entry("Procedure", "procedures"),
			Map.entry("Consent", "consent records"));

	private ScopeDescriptions() {}

	public static String describe(String scope) {
		if (scope == null || scope.isBlank()) {
			return "Unknown permission";
		}
		String other = OTHER_SCOPES.get(scope);
		if (other != null) {
			return other;
		}
		Matcher m = RESOURCE_SCOPE.matcher(scope);
		if (!m.matches()) {
			return "Other permission: " + scope;
		}
		Optional<String> actions = actions(m.group(3));
		if (actions.isEmpty()) {
			return "Other permission: " + scope;
		}
		String ofWhom = switch (m.group(1)) {
			case "patient" -> "of the patient";
			case "user" -> "of every patient you can access";
			default -> "of the whole organization (system access)";
		};
		String text = actions.get() + " " + resourceName(m.group(2)) + " " + ofWhom;
		if (m.group(5) != null) {
			text += " (" + narrowing(m.group(5)) + ")";
		}
		return capitalize(text);
	}

	/**
	 * For a resource scope that reads or searches all Observations (no query yet): the same scope
	 * narrowed to vital signs, which the approval page offers instead.
	 */
	public static Optional<String> vitalSignsOnly(String scope) {
		Matcher m = RESOURCE_SCOPE.matcher(scope == null ? "" : scope);
		if (!m.matches() || !"Observation".equals(m.group(2)) || m.group(4) != null) {
			return Optional.empty();
		}
		String permissions = m.group(3);
		boolean reads = switch (permissions) {
			case "read", "*" -> true;
			case "write" -> false;
			default -> V2_PERMISSIONS.matcher(permissions).matches() && (permissions.contains("r") || permissions.contains("s"));
		};
		return reads ? Optional.of(scope + "?category=" + VITAL_SIGNS_CATEGORY) : Optional.empty();
	}

	private static Optional<String> actions(String permissions) {
		switch (permissions) {
			case "read":
				return Optional.of("read and search");
			case "write":
				return Optional.of("create, change and delete");
			case "*":
				return Optional.of("read, search, create, change and delete");
			default:
				if (permissions.isEmpty() || !V2_PERMISSIONS.matcher(permissions).matches()) {
					return Optional.empty();
				}
				List<String> words = new ArrayList<>();
				for (char letter : permissions.toCharArray()) {
					words.add(switch (letter) {
						case 'c' -> "create";
						case 'r' -> "read";
						case 'u' -> "change";
						case 'd' -> "delete";
						default -> "search";
					});
				}
				return Optional.of(join(words));
		}
	}

	private static String narrowing(String query) {
		if (query.equals("category=" + VITAL_SIGNS_CATEGORY) || query.equals("category=vital-signs")) {
			return "vital signs only";
		}
		if (query.equals("category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory")) {
			return "laboratory results only";
		}
		return "only those matching " + query;
	}

	private static String resourceName(String type) {
		String known = RESOURCE_NAMES.get(type);
		if (known != null) {
			return known;
		}
		return type.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase() + " records";
	}

	private static String join(List<String> words) {
		if (words.size() == 1) {
			return words.get(0);
		}
		return String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.get(words.size() - 1);
	}

	private static String capitalize(String text) {
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}
}
