package io.smartvitals.smart.auth.users;

import java.util.regex.Pattern;

/**
 * A user's {@code fhirUser}: a relative reference {@code Practitioner/{id}} or {@code Patient/{id}}
 * inside the tenant's own partition (never an absolute URL, which could name another server or tenant).
 */
public record FhirUserReference(String resourceType, String id) {

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

	public FhirUserReference {
		if (!"Practitioner".equals(resourceType) && !"Patient".equals(resourceType)) {
			throw new IllegalArgumentException("fhirUser must be Practitioner/{id} or Patient/{id}");
		}
		if (id == null || !ID.matcher(id).matches()) {
			throw new IllegalArgumentException("fhirUser id must be a FHIR id ([A-Za-z0-9-.]{1,64})");
		}
	}

	public static FhirUserReference parse(String reference) {
		if (reference == null) {
			throw new IllegalArgumentException("fhirUser is required");
		}
		int slash = reference.indexOf('/');
		if (slash < 0 || reference.indexOf('/', slash + 1) >= 0) {
			throw new IllegalArgumentException("fhirUser must be Practitioner/{id} or Patient/{id}");
		}
		return new FhirUserReference(reference.substring(0, slash), reference.substring(slash + 1));
	}

	public boolean fits(UserKind kind) {
		return kind.resourceType().equals(resourceType);
	}

	@Override
	public String toString() {
		return resourceType + "/" + id;
	}
}
