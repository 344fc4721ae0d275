/** Which database the server runs on, and the HAPI Hibernate settings that follow from it. */
package io.smartvitals.server.storage;
