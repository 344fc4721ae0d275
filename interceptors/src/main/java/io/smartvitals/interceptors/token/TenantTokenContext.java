package io.smartvitals.interceptors.token;

import com.nimbusds.jose.proc.SecurityContext;

/** What a token is checked against: the tenant named by the URL, its issuer and its FHIR base. */
record TenantTokenContext(String tenant, String issuer, String audience) implements SecurityContext {}
