/**
 * Vital signs validation: an Observation in category {@code vital-signs} must conform to the
 * FHIR R4 vital signs profile for its LOINC code before it is stored.
 */
package io.smartvitals.interceptors.vitals;
