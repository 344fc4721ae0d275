package io.smartvitals.smart.auth.launch;

import java.time.Instant;

/**
 * What an EHR launch hands to the app's token response: the patient (bare id), optionally the
 * encounter (bare id) and SMART 2.2 {@code fhirContext} (a JSON array, as text).
 */
public record LaunchContext(
		String tenant,
		String patient,
		String encounter,
		String fhirContextJson,
		Instant createdAt,
		Instant expiresAt,
		Instant usedAt,
		String claimedByClient) {}
