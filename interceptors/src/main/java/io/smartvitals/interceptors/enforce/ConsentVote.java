package io.smartvitals.interceptors.enforce;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentOutcome;
import io.smartvitals.interceptors.access.RequestFacts;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** What both consent votes share: when they have a say at all, and how a vote is given to HAPI. */
final class ConsentVote {

	private static final Set<String> CONTAINERS = Set.of("Bundle", "OperationOutcome", "Parameters");

	private ConsentVote() {}

	/** The request's access if {@code resource} is one to vote on; null (abstain) without a verified token, and for containers. */
	static ResourceAccess accessToVoteOn(RequestDetails request, IBaseResource resource) {
		ResourceAccess access = ScopeEnforcementInterceptor.access(request);
		return access == null || resource == null || CONTAINERS.contains(request.getFhirContext().getResourceType(resource)) ? null : access;
	}

	/** A refused read also names its rule for the audit record, since its answer is a bare 404. */
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
