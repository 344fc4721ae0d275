package io.smartvitals.interceptors.enforce;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentOutcome;
import io.smartvitals.interceptors.access.RequestFacts;

/** A consent vote as HAPI takes it; a refused read also names its rule for the audit record, since its answer is a bare 404. */
final class VoteOutcome {

	private VoteOutcome() {}

	static ConsentOutcome of(RequestDetails request, Visibility visibility) {
		if (visibility.visible()) {
			return ConsentOutcome.AUTHORIZED;
		}
		RestOperationTypeEnum op = request.getRestOperationType();
		if (op == RestOperationTypeEnum.READ || op == RestOperationTypeEnum.VREAD) {
			RequestFacts.deny(request, visibility.rule());
		}
		return ConsentOutcome.REJECT;
	}
}
