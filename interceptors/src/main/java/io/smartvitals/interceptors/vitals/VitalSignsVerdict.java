package io.smartvitals.interceptors.vitals;

import java.util.List;

/** The outcome of checking one Observation against the vital signs profiles. */
public sealed interface VitalSignsVerdict {

	/** Not in category vital-signs: these rules do not apply. */
	record NotAVitalSign() implements VitalSignsVerdict {}

	record Conforms(VitalSignProfile profile) implements VitalSignsVerdict {}

	record Violates(VitalSignProfile profile, List<Issue> issues) implements VitalSignsVerdict {}

	/** One error, with the FHIRPath location of the failing element. */
	record Issue(String location, String message) {}
}
