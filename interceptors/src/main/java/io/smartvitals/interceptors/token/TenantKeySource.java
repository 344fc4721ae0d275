package io.smartvitals.interceptors.token;

import com.nimbusds.jose.jwk.JWKSet;

/** The public keys a tenant's tokens may be signed with; how they are issued is not this package's concern. */
@FunctionalInterface
public interface TenantKeySource {

	JWKSet publishedKeys(String tenantId);
}
