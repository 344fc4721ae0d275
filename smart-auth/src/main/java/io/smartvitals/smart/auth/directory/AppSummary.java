package io.smartvitals.smart.auth.directory;

/** An app as the approval page and the launcher show it; {@code launchUri} is null for apps without EHR launch. */
public record AppSummary(String clientId, String name, String launchUri) {}
