/** HAPI RestfulServer pieces that tenancy changes: the per-tenant CapabilityStatement. */
package io.smartvitals.server.fhir;
