package io.smartvitals.smart.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.smartvitals.smart.auth.client.ClientType;
import io.smartvitals.smart.auth.client.LaunchType;
import io.smartvitals.smart.auth.client.SmartClient;
import io.smartvitals.smart.auth.support.AuthDatabase;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

/** Every refusal of {@link ClientAssertionDecoders}, with real keys, a real replay table and a real JWKS endpoint. */
class ClientAssertionDecodersTest {

	private static final String TOKEN_URL = "https://vitals.example/auth/general-hospital/token";
	private static RSAKey rsa;
	private static ECKey ec;
	private static RSAKey stranger;

	private final AuthDatabase.MovableClock clock = new AuthDatabase.MovableClock(Instant.parse("2026-12-07T10:00:00Z"));
	private final ClientAssertionReplayCache replay = new ClientAssertionReplayCache(AuthDatabase.fresh(), clock);
	private final ClientAssertionDecoders decoders =
			new ClientAssertionDecoders(null, new ClientKeySources(Duration.ofMinutes(5)), replay, () -> TOKEN_URL, clock, Duration.ofSeconds(15));
	private HttpServer jwksServer;

	@BeforeAll
	static void keys() throws Exception {
		rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
		ec = new ECKeyGenerator(Curve.P_384).keyID("ec-1").generate();
		stranger = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
	}

	@AfterEach
	void stopServer() {
		if (jwksServer != null) {
			jwksServer.stop(0);
		}
	}

	private static SmartClient client(String jwks, String jwksUrl) {
		Instant now = Instant.parse("2026-12-01T00:00:00Z");
		return new SmartClient("id-1", "general-hospital", "bulk-client", "Bulk", ClientType.CONFIDENTIAL_ASYMMETRIC,
				List.of(), List.of("system/Observation.rs"), Set.of(LaunchType.BACKEND), null, jwks, jwksUrl, null, null, null,
				"team", "export", now.plus(Duration.ofDays(365)), now, null, null);
	}

	private static SmartClient inline() {
		return client(new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString(), null);
	}

	private JWTClaimsSet.Builder claims() {
		Instant now = clock.instant();
		return new JWTClaimsSet.Builder().issuer("bulk-client").subject("bulk-client").audience(TOKEN_URL)
				.expirationTime(Date.from(now.plusSeconds(240))).issueTime(Date.from(now)).jwtID(UUID.randomUUID().toString());
	}

	private static String sign(JWSSigner signer, JWSAlgorithm alg, String kid, JWTClaimsSet claims, UnaryOperator<JWSHeader.Builder> header)
			throws Exception {
		SignedJWT jwt = new SignedJWT(header.apply(new JWSHeader.Builder(alg).keyID(kid).type(JOSEObjectType.JWT)).build(), claims);
		jwt.sign(signer);
		return jwt.serialize();
	}

	private String rs384(JWTClaimsSet claims) throws Exception {
		return sign(new RSASSASigner(rsa), JWSAlgorithm.RS384, "rsa-1", claims, h -> h);
	}

	private void assertRefused(SmartClient client, String assertion, String reason) {
		assertThatThrownBy(() -> decoders.decode(assertion, client)).isInstanceOf(ClientAssertionDecoders.Refused.class).hasMessage(reason);
	}

	@Test
	void rs384AndEs384AssertionsOfOneClientAreAccepted() throws Exception {
		Jwt jwt = decoders.decode(rs384(claims().build()), inline());
		assertThat(jwt.getSubject()).isEqualTo("bulk-client");
		String es = sign(new ECDSASigner(ec), JWSAlgorithm.ES384, "ec-1", claims().build(), h -> h);
		assertThat(decoders.decode(es, inline()).getExpiresAt()).isEqualTo(clock.instant().plusSeconds(240));
	}

	@Test
	void aReplayedJtiIsRefusedButARefusedAssertionDoesNotUseItsJtiUp() throws Exception {
		JWTClaimsSet claims = claims().build();
		assertRefused(inline(), sign(new RSASSASigner(stranger), JWSAlgorithm.RS384, "rsa-1", claims, h -> h), "bad signature");
		String assertion = rs384(claims);
		decoders.decode(assertion, inline());
		assertRefused(inline(), assertion, "jti already used");
	}

	@Test
	void headerRulesComeFirst() throws Exception {
		assertRefused(inline(), sign(new MACSigner(new byte[32]), JWSAlgorithm.HS256, "rsa-1", claims().build(), h -> h), "alg must be RS384 or ES384");
		assertRefused(inline(), sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, "rsa-1", claims().build(), h -> h), "alg must be RS384 or ES384");
		assertRefused(inline(), sign(new RSASSASigner(rsa), JWSAlgorithm.RS384, "rsa-1", claims().build(), h -> h.type(JOSEObjectType.JOSE)),
				"typ must be JWT");
		assertRefused(inline(), sign(new RSASSASigner(stranger), JWSAlgorithm.RS384, "rsa-1", claims().build(), h -> h.jwk(stranger.toPublicJWK())),
				"keys embedded in or linked from the header are not accepted");
		assertRefused(inline(), sign(new RSASSASigner(rsa), JWSAlgorithm.RS384, "rsa-1", claims().build(),
				h -> h.criticalParams(Set.of("x-hint")).customParam("x-hint", 1)), "critical header parameters not understood");
		assertRefused(inline(), sign(new RSASSASigner(rsa), JWSAlgorithm.RS384, "rsa-1", claims().build(),
				h -> h.jwkURL(URI.create("https://attacker.example/jwks"))), "jku is not the client's registered JWKS URL");
	}

	@Test
	void shapeAndKeysAreChecked() throws Exception {
		assertRefused(inline(), null, "assertion missing or too large");
		assertRefused(inline(), "x".repeat(ClientAssertionDecoders.MAX_ASSERTION_LENGTH + 1), "assertion missing or too large");
		assertRefused(inline(), "not.a.jwt", "assertion is not a signed JWT");
		String none = Base64URL.encode("{\"alg\":\"none\"}") + "." + Base64URL.encode(claims().build().toString()) + ".";
		assertRefused(inline(), none, "assertion is not a signed JWT");
		assertRefused(inline(), sign(new RSASSASigner(rsa), JWSAlgorithm.RS384, "other-kid", claims().build(), h -> h),
				"no registered key matches kid and alg");
		assertRefused(inline(), sign(new ECDSASigner(ec), JWSAlgorithm.ES384, "rsa-1", claims().build(), h -> h),
				"no registered key matches kid and alg");
		assertRefused(client(null, null), rs384(claims().build()), "client has no registered keys");
		assertRefused(client("{not json", null), rs384(claims().build()), "registered JWKS unreadable");
	}

	@Test
	void claimRulesAreNamedValidators() throws Exception {
		assertRefused(inline(), rs384(claims().issuer("someone-else").build()), "iss and sub must both be the client id");
		assertRefused(inline(), rs384(claims().subject("someone-else").build()), "iss and sub must both be the client id");
		assertRefused(inline(), rs384(claims().audience("https://vitals.example/auth/other/token").build()),
				"aud must be the token endpoint URL, as a single string");
		assertRefused(inline(), rs384(claims().audience(List.of(TOKEN_URL, "https://vitals.example/other")).build()), "aud must be the token endpoint URL, as a single string");
		assertRefused(inline(), rs384(claims().expirationTime(null).build()), "exp missing");
		assertRefused(inline(), rs384(claims().issueTime(Date.from(clock.instant().minusSeconds(300)))
				.expirationTime(Date.from(clock.instant().minusSeconds(16))).build()), "assertion expired");
		assertRefused(inline(), rs384(claims().expirationTime(Date.from(clock.instant().minusSeconds(16))).build()), "malformed claims");
		assertRefused(inline(), rs384(claims().expirationTime(Date.from(clock.instant().plusSeconds(316))).build()), "exp more than five minutes ahead");
		assertRefused(inline(), rs384(claims().notBeforeTime(Date.from(clock.instant().plusSeconds(60))).build()), "assertion not yet valid");
		assertRefused(inline(), rs384(claims().jwtID(null).build()), "jti missing or longer than 256 characters");
		assertRefused(inline(), rs384(claims().jwtID("j".repeat(257)).build()), "jti missing or longer than 256 characters");
		assertThat(decoders.decode(rs384(claims().issueTime(Date.from(clock.instant().minusSeconds(60)))
				.expirationTime(Date.from(clock.instant().minusSeconds(10))).build()), inline()))
				.as("within the clock skew").isNotNull();
	}

	@Test
	void keysFromAJwksUrlAreCachedAndARotatedKidIsFetched() throws Exception {
		AtomicReference<JWKSet> published = new AtomicReference<>(new JWKSet(rsa.toPublicJWK()));
		AtomicInteger fetches = new AtomicInteger();
		String url = serveJwks(published, fetches, 200);
		SmartClient byUrl = client(null, url);
		decoders.decode(rs384(claims().build()), byUrl);
		decoders.decode(rs384(claims().build()), byUrl);
		assertThat(fetches).as("second assertion from the cache").hasValue(1);

		RSAKey rotated = new RSAKeyGenerator(2048).keyID("rsa-2").generate();
		published.set(new JWKSet(List.of(rsa.toPublicJWK(), rotated.toPublicJWK())));
		String signedWithRotated = sign(new RSASSASigner(rotated), JWSAlgorithm.RS384, "rsa-2", claims().build(), h -> h);
		assertThat(decoders.decode(signedWithRotated, byUrl)).as("an unknown kid refetches").isNotNull();
		assertThat(fetches).hasValue(2);
		assertThat(decoders.decode(sign(new RSASSASigner(rsa), JWSAlgorithm.RS384, "rsa-1", claims().build(), h -> h.jwkURL(URI.create(url))), byUrl))
				.as("jku naming the registered URL").isNotNull();
	}

	@Test
	void aJwksUrlThatRedirectsOrFailsAuthenticatesNobody() throws Exception {
		AtomicInteger fetches = new AtomicInteger();
		assertRefused(client(null, serveJwks(new AtomicReference<>(new JWKSet(rsa.toPublicJWK())), fetches, 302)), rs384(claims().build()),
				"JWKS URL unreadable");
		stopServer();
		jwksServer = null;
		assertRefused(client(null, serveJwks(new AtomicReference<>(new JWKSet(rsa.toPublicJWK())), fetches, 500)), rs384(claims().build()),
				"JWKS URL unreadable");
	}

	@Test
	void aChangedRegistrationRebuildsTheDecoder() throws Exception {
		decoders.decode(rs384(claims().build()), inline());
		SmartClient rotatedAway = client(new JWKSet(ec.toPublicJWK()).toString(), null);
		assertRefused(rotatedAway, rs384(claims().build()), "no registered key matches kid and alg");
	}

	private String serveJwks(AtomicReference<JWKSet> keys, AtomicInteger fetches, int status) throws Exception {
		jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		jwksServer.createContext("/jwks", exchange -> {
			fetches.incrementAndGet();
			byte[] body = keys.get().toString().getBytes(StandardCharsets.UTF_8);
			if (status == 302) {
				exchange.getResponseHeaders().set("Location", "http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/elsewhere");
			}
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		jwksServer.start();
		return "http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/jwks";
	}
}
