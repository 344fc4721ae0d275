package io.smartvitals.interceptors.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.proc.JWSKeySelector;
import java.security.Key;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Selects the one key a tenant's access token may be verified with: RS256 only (no {@code none},
 * HMAC or EC), no critical header parameters, and the key named by {@code kid} among the tenant's
 * own published keys. Header {@code jku}, {@code jwk} and {@code x5u} are never followed. The
 * refusal reasons are the ones the API reports.
 */
final class TenantKeySelector implements JWSKeySelector<TenantTokenContext> {

	/**
	 * Java keys by tenant and kid, kept with the JWK object they were converted from: the conversion
	 * is a third of a verification's cost, and a refreshed key set brings new objects.
	 */
	private record Converted(RSAKey jwk, RSAPublicKey key) {}

	private final TenantKeySource keys;
	private final Map<String, Converted> converted = new ConcurrentHashMap<>();

	TenantKeySelector(TenantKeySource keys) {
		this.keys = keys;
	}

	@Override
	public List<? extends Key> selectJWSKeys(JWSHeader header, TenantTokenContext context) throws KeySourceException {
		if (!JWSAlgorithm.RS256.equals(header.getAlgorithm())) {
			throw new TokenRefusal("algorithm not accepted");
		}
		if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
			throw new TokenRefusal("critical header parameters not understood");
		}
		JWK jwk = header.getKeyID() == null ? null : keys.publishedKeys(context.tenant()).getKeyByKeyId(header.getKeyID());
		if (!(jwk instanceof RSAKey rsa)) {
			throw new TokenRefusal("unknown signing key");
		}
		return List.of(javaKey(context.tenant(), rsa));
	}

	private RSAPublicKey javaKey(String tenant, RSAKey jwk) throws KeySourceException {
		String id = tenant + " " + jwk.getKeyID();
		Converted cached = converted.get(id);
		if (cached == null || cached.jwk() != jwk) {
			try {
				cached = new Converted(jwk, jwk.toRSAPublicKey());
			} catch (JOSEException e) {
				throw new TokenRefusal("unknown signing key");
			}
			converted.put(id, cached);
		}
		return cached.key();
	}
}
