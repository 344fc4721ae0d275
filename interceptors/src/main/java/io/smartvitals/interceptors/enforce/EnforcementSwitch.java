package io.smartvitals.interceptors.enforce;

/**
 * {@code vitals.enforcement.enabled=false} serves the FHIR API without any token check: for
 * measuring enforcement's cost only. It is refused at start unless
 * {@code vitals.enforcement.allow-disabling=true} says, explicitly, that this is intended.
 */
public final class EnforcementSwitch {

	private EnforcementSwitch() {}

	/** @return whether enforcement is on; throws when it is off without the explicit permission */
	public static boolean check(boolean enabled, boolean allowDisabling) {
		if (!enabled && !allowDisabling) {
			throw new IllegalStateException("vitals.enforcement.enabled=false would serve every tenant's data without tokens; "
					+ "refused. Set vitals.enforcement.allow-disabling=true as well if this is a benchmark.");
		}
		return enabled;
	}
}
