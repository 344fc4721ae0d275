/** The Spring Boot application: wires HAPI JPA, the tenant registry and the interceptors. */
package io.smartvitals.server;
