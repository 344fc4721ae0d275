package io.smartvitals.interceptors.enforce;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentInterceptor;
import ca.uhn.fhir.rest.server.interceptor.consent.MultiDelegateConsentService;
import java.util.List;

/**
 * HAPI's {@code ConsentInterceptor} over two separate votes combined by HAPI's
 * {@code MultiDelegateConsentService} in parallel (any REJECT wins): the scope vote
 * ({@link ScopeReachConsentService}) and patients' privacy Consents ({@link PatientConsentService}).
 * The consent vote is asked first, so when both refuse a read, the scope's rule is the one recorded. HAPI refuses
 * {@code _summary=count} and {@code _total=accurate} before asking any consent service, because
 * counts would include filtered resources; for a backend token that sees the whole tenant and
 * that no consent restricts, nothing is filtered, so the request is authorized before that check.
 */
@Interceptor
public class TenantConsentInterceptor extends ConsentInterceptor {

	public TenantConsentInterceptor() {
		super(votes());
	}

	static MultiDelegateConsentService votes() {
		return MultiDelegateConsentService.withParallelVoting(List.of(new PatientConsentService(), new ScopeReachConsentService()));
	}

	@Override
	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void interceptPreHandled(RequestDetails request) {
		ResourceAccess access = ScopeEnforcementInterceptor.access(request);
		if (access != null && access.seesEverything()) {
			authorizeRequest(request);
			return;
		}
		super.interceptPreHandled(request);
	}
}
