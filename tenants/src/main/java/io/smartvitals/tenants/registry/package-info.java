/**
 * The tenant registry: who the tenants are (id, name, status, plan) and the HAPI partition
 * each one owns. Stored in our own Flyway-versioned tables, apart from HAPI's.
 */
package io.smartvitals.tenants.registry;
