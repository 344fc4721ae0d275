/** HTTP-level guards in front of the FHIR servlet. */
package io.smartvitals.server.http;
