package io.smartvitals.interceptors.access;

/** A tenant's issuer and FHIR base share one public root: {@code {root}/auth/{tenant}} and {@code {root}/fhir/{tenant}}. */
public final class TenantUrls {

	private TenantUrls() {}

	/** @param fhirBase the tenant's FHIR base as HAPI sees it, e.g. {@code https://host/fhir/t1} */
	public static String issuerFor(String fhirBase, String tenant) {
		String suffix = "/fhir/" + tenant;
		if (fhirBase == null || !fhirBase.endsWith(suffix)) {
			// No issuer can match: the verifier then refuses every token.
			return "urn:smartvitals:no-issuer";
		}
		return fhirBase.substring(0, fhirBase.length() - suffix.length()) + "/auth/" + tenant;
	}
}
