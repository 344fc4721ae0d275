package io.smartvitals.smart.auth.directory;

/** A patient as a picker shows it: bare id in the tenant's partition, display name, birth date (may be null). */
public record PatientSummary(String id, String name, String birthDate) {}
