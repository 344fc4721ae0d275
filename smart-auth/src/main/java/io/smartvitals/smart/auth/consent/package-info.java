/**
 * The approval page: the app's name, each requested scope in plain words with a checkbox, the
 * "vital signs only" narrowing of Observation access, and the patient picker for practitioners.
 */
package io.smartvitals.smart.auth.consent;
