package io.smartvitals.smart.auth.users;

import java.util.Locale;

/** Who a user is in FHIR terms; decides which resource type {@code fhirUser} must name. */
public enum UserKind {
	PRACTITIONER("Practitioner"),
	PATIENT("Patient");

	private final String resourceType;

	UserKind(String resourceType) {
		this.resourceType = resourceType;
	}

	public String resourceType() {
		return resourceType;
	}

	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** @throws IllegalArgumentException for anything but {@code practitioner} or {@code patient} */
	public static UserKind parse(String value) {
		if (value != null) {
			for (UserKind kind : values()) {
				if (kind.wireName().equals(value)) {
					return kind;
				}
			}
		}
		throw new IllegalArgumentException("kind must be 'practitioner' or 'patient'");
	}
}
