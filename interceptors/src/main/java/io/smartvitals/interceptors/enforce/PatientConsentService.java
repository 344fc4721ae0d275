package io.smartvitals.interceptors.enforce;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentOutcome;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentContextServices;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentService;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The consent vote ({@link ResourceAccess#consentOf}): REJECT when a privacy Consent of a patient
 * owning the resource hides it from this caller (its user, organizations, client or purpose of
 * use); otherwise it abstains, so the scope vote decides. It never authorizes on its own.
 */
public class PatientConsentService implements IConsentService {

	private static final Visibility NO_OBJECTION = new Visibility.Visible("no privacy consent objects");

	@Override
	public ConsentOutcome canSeeResource(RequestDetails request, IBaseResource resource, IConsentContextServices services) {
		return vote(request, resource);
	}

	@Override
	public ConsentOutcome willSeeResource(RequestDetails request, IBaseResource resource, IConsentContextServices services) {
		return vote(request, resource);
	}

	private static ConsentOutcome vote(RequestDetails request, IBaseResource resource) {
		ResourceAccess access = ConsentVote.accessToVoteOn(request, resource);
		if (access == null) {
			return ConsentOutcome.PROCEED;
		}
		Visibility visibility = access.consentOf(resource, NO_OBJECTION);
		return visibility.visible() ? ConsentOutcome.PROCEED : ConsentVote.of(request, visibility);
	}
}
