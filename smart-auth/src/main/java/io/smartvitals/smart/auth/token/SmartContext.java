package io.smartvitals.smart.auth.token;

/**
 * The launch context a token carries (SMART App Launch, "Launch context arrives with your access
 * token"): ids are bare resource ids, {@code fhirUser} a relative reference such as
 * {@code Practitioner/123}. Any part may be null.
 */
public record SmartContext(String patient, String encounter, String fhirUser) {

	public static final SmartContext NONE = new SmartContext(null, null, null);
}
