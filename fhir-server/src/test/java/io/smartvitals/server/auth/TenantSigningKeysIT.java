package io.smartvitals.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.smartvitals.server.ServerOverHttp;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Each tenant's JWKS at /auth/{tenant}/jwks, and key rotation through the admin API. */
class TenantSigningKeysIT extends ServerOverHttp {

	private JWKSet jwks(String tenant) throws Exception {
		HttpResponse<String> response = get(root() + "/auth/" + tenant + "/jwks");
		assertThat(response.statusCode()).isEqualTo(200);
		return JWKSet.parse(response.body());
	}

	@Test
	void aNewTenantPublishesOneRsaSigningKeyWithoutPrivateParts() throws Exception {
		String tenant = createTenant(uniqueTenantId("keys"));
		HttpResponse<String> response = get(root() + "/auth/" + tenant + "/jwks");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
		assertThat(response.body()).doesNotContain("\"d\"").doesNotContain("\"p\"").doesNotContain("\"q\"");
		JWKSet keys = JWKSet.parse(response.body());
		assertThat(keys.getKeys()).hasSize(1);
		RSAKey key = (RSAKey) keys.getKeys().get(0);
		assertThat(key.getKeyID()).isNotBlank();
		assertThat(key.isPrivate()).isFalse();
		assertThat(key.size()).isEqualTo(2048);
	}

	@Test
	void tenantsDoNotShareKeys() throws Exception {
		RSAKey a = (RSAKey) jwks(createTenant(uniqueTenantId("ka"))).getKeys().get(0);
		RSAKey b = (RSAKey) jwks(createTenant(uniqueTenantId("kb"))).getKeys().get(0);
		assertThat(a.getModulus()).isNotEqualTo(b.getModulus());
		assertThat(a.getKeyID()).isNotEqualTo(b.getKeyID());
	}

	@Test
	void unknownTenantsHaveNoJwks() throws Exception {
		assertThat(get(root() + "/auth/no-such-tenant/jwks").statusCode()).isEqualTo(404);
		assertThat(get(root() + "/auth/DEFAULT/jwks").statusCode()).isEqualTo(404);
	}

	@Test
	void rotationPublishesTheSuccessorNextToTheCurrentKey() throws Exception {
		String tenant = createTenant(uniqueTenantId("rot"));
		String current = jwks(tenant).getKeys().get(0).getKeyID();
		HttpResponse<String> rotated = admin("POST", "/admin/tenants/" + tenant + "/keys/rotate", null);
		assertThat(rotated.statusCode()).isEqualTo(201);
		JWKSet after = jwks(tenant);
		assertThat(after.getKeys()).hasSize(2);
		assertThat(after.getKeyByKeyId(current)).isNotNull();
		assertThat(admin("GET", "/admin/tenants/" + tenant + "/keys", null).body()).contains(current);
	}

	@Test
	void keyAdministrationNeedsTheOperatorToken() throws Exception {
		String tenant = createTenant(uniqueTenantId("kop"));
		assertThat(send("POST", root() + "/admin/tenants/" + tenant + "/keys/rotate", null, null, null).statusCode()).isEqualTo(401);
		assertThat(admin("POST", "/admin/tenants/no-such-tenant/keys/rotate", null).statusCode()).isEqualTo(404);
	}
}
