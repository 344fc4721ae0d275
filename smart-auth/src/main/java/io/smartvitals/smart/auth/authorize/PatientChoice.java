package io.smartvitals.smart.auth.authorize;

import java.util.Optional;
import org.springframework.security.core.Authentication;

/**
 * Decides the patient of a standalone {@code launch/patient} authorization from the signed-in user
 * and the patient picked on the approval page: a patient user always gets their own record, a
 * practitioner only a patient of this tenant. Empty: no patient context.
 */
@FunctionalInterface
public interface PatientChoice {

	Optional<String> decide(String tenant, Authentication user, String pickedPatient);
}
