/**
 * The tenant's registered SMART clients: registration rules, the scope ceiling, secrets, and the
 * view Spring Authorization Server gets of them ({@link io.smartvitals.smart.auth.client.TenantRegisteredClients}).
 */
package io.smartvitals.smart.auth.client;
