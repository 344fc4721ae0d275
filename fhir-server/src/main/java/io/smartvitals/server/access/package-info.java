/**
 * The storage side of enforcement: the tenant's organizations, roles, client devices, consents
 * and resources read through HAPI's DAOs for the decisions in the interceptors module.
 */
package io.smartvitals.server.access;
