package io.smartvitals.smart.auth.discovery;

import io.smartvitals.smart.auth.server.TenantIssuer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The SMART App Launch 2.2 discovery document of one tenant (section 2.0.9, "Conformance"). */
public final class SmartConfiguration {

	public static final List<String> CAPABILITIES = List.of(
			"launch-ehr", "launch-standalone", "authorize-post",
			"client-public", "client-confidential-symmetric", "client-confidential-asymmetric",
			"sso-openid-connect", "context-banner", "context-style",
			"context-ehr-patient", "context-ehr-encounter", "context-standalone-patient",
			"permission-offline", "permission-online", "permission-patient", "permission-user",
			"permission-v1", "permission-v2");

	public static final List<String> SCOPES = List.of(
			"openid", "fhirUser", "profile", "launch", "launch/patient", "launch/encounter",
			"offline_access", "online_access",
			"patient/*.rs", "user/*.rs", "system/*.rs", "patient/*.cruds", "user/*.cruds", "system/*.cruds",
			"patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs",
			"patient/*.read", "user/*.read", "system/*.read", "patient/*.write", "user/*.write", "system/*.write");

	private SmartConfiguration() {}

	public static Map<String, Object> of(TenantIssuer tenant) {
		String issuer = tenant.issuer();
		Map<String, Object> doc = new LinkedHashMap<>();
		doc.put("issuer", issuer);
		doc.put("jwks_uri", issuer + "/jwks");
		doc.put("authorization_endpoint", issuer + "/authorize");
		doc.put("token_endpoint", tenant.tokenEndpoint());
		doc.put("introspection_endpoint", issuer + "/introspect");
		doc.put("revocation_endpoint", issuer + "/revoke");
		doc.put("grant_types_supported", List.of("authorization_code", "refresh_token", "client_credentials"));
		doc.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "private_key_jwt", "none"));
		doc.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS384", "ES384"));
		doc.put("scopes_supported", SCOPES);
		doc.put("response_types_supported", List.of("code"));
		doc.put("code_challenge_methods_supported", List.of("S256"));
		doc.put("capabilities", CAPABILITIES);
		return doc;
	}
}
