/**
 * Assembles the people-facing parts (users, MFA, login, approval, EHR launch) from their
 * dependencies, without Spring configuration classes, so the application can wire them as beans.
 */
package io.smartvitals.smart.auth.people;
