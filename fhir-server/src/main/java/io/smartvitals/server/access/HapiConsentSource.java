package io.smartvitals.server.access;

import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.param.TokenParam;
import io.smartvitals.interceptors.consent.PrivacyConsent;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Consent;

/** Loads a tenant's active patient-privacy Consents. */
public class HapiConsentSource implements Function<String, List<PrivacyConsent>> {

	private final TenantStorage storage;

	public HapiConsentSource(TenantStorage storage) {
		this.storage = storage;
	}

	@Override
	public List<PrivacyConsent> apply(String tenant) {
		SearchParameterMap query = new SearchParameterMap();
		query.add(Consent.SP_STATUS, new TokenParam("active"));
		query.add(Consent.SP_SCOPE, new TokenParam(PrivacyConsent.SCOPE_SYSTEM, PrivacyConsent.PATIENT_PRIVACY));
		return storage.search(tenant, "Consent", query).stream()
				.map(r -> PrivacyConsent.from((Consent) r))
				.filter(Objects::nonNull)
				.toList();
	}
}
