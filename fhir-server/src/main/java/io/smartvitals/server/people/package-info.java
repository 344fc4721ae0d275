/**
 * The server's side of smart-auth's people seams: patients found in a tenant's HAPI partition,
 * who may call the EHR launch API, and the interim app catalog until the client registry lands.
 */
package io.smartvitals.server.people;
