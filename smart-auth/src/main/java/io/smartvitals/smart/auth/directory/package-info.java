/**
 * What the pages need to know about a tenant's apps and patients, as interfaces: the client
 * registry implements {@link io.smartvitals.smart.auth.directory.AppCatalog}, HAPI the {@link io.smartvitals.smart.auth.directory.PatientDirectory}.
 */
package io.smartvitals.smart.auth.directory;
