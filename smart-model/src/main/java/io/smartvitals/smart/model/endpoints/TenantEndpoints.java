package io.smartvitals.smart.model.endpoints;

import java.util.Optional;

/**
 * Where one tenant's endpoints are, from one public root: issuer {@code {root}/auth/{tenant}},
 * FHIR base {@code {root}/fhir/{tenant}} (a token's audience), token endpoint
 * {@code {issuer}/token}. The only place these URLs are derived; both the authorization server
 * and the FHIR API's token check ask it.
 */
public record TenantEndpoints(String publicRoot, String tenant) {

	private static final String AUTH = "/auth/";
	private static final String FHIR = "/fhir/";

	public String issuer() {
		return publicRoot + AUTH + tenant;
	}

	public String fhirBase() {
		return publicRoot + FHIR + tenant;
	}

	public String tokenEndpoint() {
		return issuer() + "/token";
	}

	/** The tenant whose issuer this is; refuses anything not of the form {@code {root}/auth/{tenant}}. */
	public static TenantEndpoints fromIssuer(String issuer) {
		int at = issuer.lastIndexOf(AUTH);
		if (at < 0 || at + AUTH.length() == issuer.length()) {
			throw new IllegalArgumentException("not a tenant issuer: " + issuer);
		}
		return new TenantEndpoints(issuer.substring(0, at), issuer.substring(at + AUTH.length()));
	}

	/** The endpoints of {@code tenant} if {@code fhirBase} is its FHIR base, as HAPI reports it for a request. */
	public static Optional<TenantEndpoints> fromFhirBase(String fhirBase, String tenant) {
		String suffix = FHIR + tenant;
		if (fhirBase == null || tenant == null || !fhirBase.endsWith(suffix)) {
			return Optional.empty();
		}
		return Optional.of(new TenantEndpoints(fhirBase.substring(0, fhirBase.length() - suffix.length()), tenant));
	}
}
