package io.smartvitals.smart.auth.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.smartvitals.smart.auth.client.ClientRegistry;
import io.smartvitals.smart.auth.client.SmartClient;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Client assertions (RFC 7523, SMART Backend Services) for Spring Authorization Server's
 * {@code private_key_jwt} client authentication, in the shape of its own
 * {@code JwtClientAssertionDecoderFactory}: a {@link NimbusJwtDecoder} per client over the
 * client's keys, and the claim rules as a list of named validators. Ours differs where SMART
 * needs it: keys registered inline as well as by URL ({@link ClientKeySources}), RS384 and ES384
 * for the same client, header rules first ({@link AssertionHeaderRules}), and the {@code jti}
 * recorded only after every other check passed. A refusal becomes {@code invalid_client}; its
 * reason goes to the log only.
 */
public class ClientAssertionDecoders implements JwtDecoderFactory<RegisteredClient> {

	private static final Logger log = LoggerFactory.getLogger(ClientAssertionDecoders.class);
	static final int MAX_ASSERTION_LENGTH = 16 * 1024;

	/** A client's decoder, kept while its registered keys are the ones it was built from. */
	private record Built(String jwks, String jwksUrl, NimbusJwtDecoder decoder) {}

	private final ClientRegistry clients;
	private final ClientKeySources keys;
	private final ClientAssertionReplayCache replay;
	private final Supplier<String> tokenEndpoint;
	private final Clock clock;
	private final Duration skew;
	private final Map<String, Built> decoders = new ConcurrentHashMap<>();

	/** @param tokenEndpoint the token endpoint URL of the tenant the current request is for, an assertion's audience */
	public ClientAssertionDecoders(ClientRegistry clients, ClientKeySources keys, ClientAssertionReplayCache replay,
			Supplier<String> tokenEndpoint, Clock clock, Duration skew) {
		this.clients = clients;
		this.keys = keys;
		this.replay = replay;
		this.tokenEndpoint = tokenEndpoint;
		this.clock = clock;
		this.skew = skew;
	}

	@Override
	public JwtDecoder createDecoder(RegisteredClient registeredClient) {
		return assertion -> {
			SmartClient client = clients.findById(registeredClient.getId()).orElseThrow(() -> new BadJwtException("unknown client"));
			try {
				return decode(assertion, client);
			} catch (Refused refused) {
				log.info("client assertion of {} in tenant {} refused: {}", client.clientId(), client.tenant(), refused.getMessage());
				throw new BadJwtException(refused.getMessage());
			}
		};
	}

	Jwt decode(String assertion, SmartClient client) throws Refused {
		if (assertion == null || assertion.length() > MAX_ASSERTION_LENGTH) {
			throw new Refused("assertion missing or too large");
		}
		JWSHeader header;
		try {
			header = SignedJWT.parse(assertion).getHeader();
		} catch (ParseException e) {
			throw new Refused("assertion is not a signed JWT");
		}
		Optional<String> headerProblem = AssertionHeaderRules.problem(header, client);
		if (headerProblem.isPresent()) {
			throw new Refused(headerProblem.get());
		}
		Jwt jwt;
		try {
			jwt = decoderFor(client).decode(assertion);
		} catch (JwtValidationException e) {
			throw new Refused(e.getErrors().stream().map(OAuth2Error::getDescription).findFirst().orElse("claims refused"));
		} catch (JwtException e) {
			throw new Refused(reasonOf(e));
		}
		if (!replay.firstUse(client.tenant(), client.clientId(), jwt.getId(), jwt.getExpiresAt())) {
			throw new Refused("jti already used");
		}
		return jwt;
	}

	private NimbusJwtDecoder decoderFor(SmartClient client) throws Refused {
		Built built = decoders.get(client.id());
		if (built == null || !Objects.equals(built.jwks(), client.jwks()) || !Objects.equals(built.jwksUrl(), client.jwksUrl())) {
			built = new Built(client.jwks(), client.jwksUrl(), build(client));
			decoders.put(client.id(), built);
		}
		return built.decoder();
	}

	private NimbusJwtDecoder build(SmartClient client) throws Refused {
		JWKSource<SecurityContext> source;
		try {
			source = keys.of(client);
		} catch (ClientKeySources.UnusableKeys e) {
			throw new Refused(e.getMessage());
		}
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null));
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(AssertionHeaderRules.ALGORITHMS, source));
		// The claims are Spring validators below; Nimbus's own defaults would check exp a second time.
		processor.setJWTClaimsSetVerifier((claims, context) -> {});
		NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(
				new AssertionSubject(client.clientId()),
				new AssertionAudience(tokenEndpoint),
				new AssertionLifetime(clock, skew),
				new AssertionJwtId())));
		return decoder;
	}

	/** Nimbus's processor says why through the exception it raised; the decoder wraps it. */
	private static String reasonOf(JwtException e) {
		for (Throwable cause = e; cause != null; cause = cause.getCause()) {
			if (cause instanceof BadJWSException) {
				return "bad signature";
			}
			if (cause instanceof KeySourceException) {
				return "JWKS URL unreadable";
			}
			if (cause instanceof BadJOSEException) {
				return "no registered key matches kid and alg";
			}
			if (cause instanceof IllegalArgumentException) {
				return "malformed claims"; // Spring's Jwt refuses, e.g., an exp before the iat
			}
		}
		return "assertion is not a signed JWT";
	}

	/** Why an assertion does not authenticate its client. */
	static final class Refused extends Exception {
		Refused(String reason) {
			super(reason, null, false, false);
		}
	}
}
