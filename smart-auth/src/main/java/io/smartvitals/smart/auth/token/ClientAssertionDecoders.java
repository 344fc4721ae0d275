package io.smartvitals.smart.auth.token;

import io.smartvitals.smart.auth.client.ClientRegistry;
import io.smartvitals.smart.auth.client.SmartClient;
import io.smartvitals.smart.auth.server.TenantIssuer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Plugs {@link BackendServiceClientAssertionValidator} into Spring Authorization Server's
 * {@code private_key_jwt} client authentication in place of its default decoder, which only knows
 * JWKS URLs and one fixed algorithm per client. A rejection becomes {@code invalid_client}.
 */
public class ClientAssertionDecoders implements JwtDecoderFactory<RegisteredClient> {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ClientAssertionDecoders.class);

	private final BackendServiceClientAssertionValidator validator;
	private final ClientRegistry clients;

	public ClientAssertionDecoders(BackendServiceClientAssertionValidator validator, ClientRegistry clients) {
		this.validator = validator;
		this.clients = clients;
	}

	@Override
	public JwtDecoder createDecoder(RegisteredClient registeredClient) {
		return assertion -> {
			SmartClient client = clients.findById(registeredClient.getId())
					.orElseThrow(() -> new BadJwtException("unknown client"));
			String tokenEndpoint = TenantIssuer.current().tokenEndpoint();
			BackendServiceClientAssertionValidator.Verdict verdict = validator.validate(assertion, client, tokenEndpoint);
			if (verdict instanceof BackendServiceClientAssertionValidator.Verdict.Accepted accepted) {
				return toJwt(assertion, accepted);
			}
			String reason = ((BackendServiceClientAssertionValidator.Verdict.Rejected) verdict).reason();
			log.info("client assertion of {} in tenant {} refused: {}", client.clientId(), client.tenant(), reason);
			throw new BadJwtException(reason);
		};
	}

	private static Jwt toJwt(String assertion, BackendServiceClientAssertionValidator.Verdict.Accepted accepted) {
		Map<String, Object> claims = new LinkedHashMap<>(accepted.claims().toJSONObject());
		// Spring's Jwt wants instants where Nimbus gives epoch seconds.
		Instant exp = accepted.claims().getExpirationTime().toInstant();
		claims.put("exp", exp);
		if (accepted.claims().getIssueTime() != null) {
			claims.put("iat", accepted.claims().getIssueTime().toInstant());
		}
		if (accepted.claims().getNotBeforeTime() != null) {
			claims.put("nbf", accepted.claims().getNotBeforeTime().toInstant());
		}
		Map<String, Object> headers = new LinkedHashMap<>(accepted.header().toJSONObject());
		Instant iat = accepted.claims().getIssueTime() == null ? null : accepted.claims().getIssueTime().toInstant();
		return new Jwt(assertion, iat, exp, headers, claims);
	}
}
