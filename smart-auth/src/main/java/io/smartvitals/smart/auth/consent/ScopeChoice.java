package io.smartvitals.smart.auth.consent;

/**
 * One requested scope as the approval page offers it: a checkbox, a choice between all
 * observations and vital signs only ({@code vitalsOnly} set), or withheld with the reason shown.
 * {@code index} numbers the requested scopes (element ids).
 */
record ScopeChoice(int index, String scope, String description, String vitalsOnly, boolean withheld) {}
