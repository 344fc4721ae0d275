/** Which extended operations ({@code $name}) a tenant's FHIR base serves at all. */
package io.smartvitals.interceptors.operations;
