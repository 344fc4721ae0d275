/**
 * Resolving the tenant named by a request: unknown tenants answer 404, suspended ones 403,
 * before any resource handling starts.
 */
package io.smartvitals.tenants.resolve;
