/**
 * A tenant's users (username, adaptive password hash, linked fhirUser, MFA state, failure counters),
 * the tenant's login policy, and the operator API that manages both.
 */
package io.smartvitals.smart.auth.users;
