package io.smartvitals.interceptors.vitals;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The FHIR R4 vital signs profiles (hl7.org/fhir/R4/observation-vitalsigns.html), keyed by the
 * LOINC code each one fixes. Codes not listed fall back to the generic {@link #VITAL_SIGNS}.
 */
public enum VitalSignProfile {
	HEART_RATE("heartrate", "8867-4"),
	RESPIRATORY_RATE("resprate", "9279-1"),
	BLOOD_PRESSURE("bp", "85354-9"),
	BODY_TEMPERATURE("bodytemp", "8310-5"),
	OXYGEN_SATURATION("oxygensat", "2708-6", "59408-5"),
	BODY_WEIGHT("bodyweight", "29463-7"),
	BODY_HEIGHT("bodyheight", "8302-2"),
	BMI("bmi", "39156-5"),
	HEAD_CIRCUMFERENCE("headcircum", "9843-4"),
	VITAL_SIGNS("vitalsigns");

	public static final String LOINC = "http://loinc.org";
	private static final String BASE = "http://hl7.org/fhir/StructureDefinition/";

	private final String url;
	private final Set<String> loincCodes;

	VitalSignProfile(String id, String... loincCodes) {
		this.url = BASE + id;
		this.loincCodes = Set.of(loincCodes);
	}

	public String url() {
		return url;
	}

	/** The specific profile for a LOINC code, if the code is one of the profiled vital signs. */
	public static Optional<VitalSignProfile> forLoincCode(String code) {
		return Arrays.stream(values()).filter(p -> p.loincCodes.contains(code)).findFirst();
	}
}
