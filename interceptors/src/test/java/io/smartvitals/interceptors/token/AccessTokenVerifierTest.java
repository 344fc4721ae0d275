package io.smartvitals.interceptors.token;

import static org.assertj.core.api.Assertions.assertThat;

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
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.smartvitals.smart.model.scope.Permission;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AccessTokenVerifierTest {

	private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
	private static final String A = "tenant-a";
	private static final String B = "tenant-b";
	private static RSAKey keyA;
	private static RSAKey keyB;
	private static RSAKey attackerKey;
	private AccessTokenVerifier verifier;

	@BeforeAll
	static void keys() throws Exception {
		keyA = new RSAKeyGenerator(2048).keyID("kid-a").generate();
		keyB = new RSAKeyGenerator(2048).keyID("kid-b").generate();
		attackerKey = new RSAKeyGenerator(2048).keyID("kid-a").generate();
	}

	{
		Map<String, JWKSet> published = Map.of(A, new JWKSet(keyA.toPublicJWK()), B, new JWKSet(keyB.toPublicJWK()));
		verifier = new AccessTokenVerifier(t -> published.getOrDefault(t, new JWKSet()), Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(30));
	}

	private static String issuer(String tenant) {
		return "https://vitals.example/auth/" + tenant;
	}

	private static String audience(String tenant) {
		return "https://vitals.example/fhir/" + tenant;
	}

	private static JWTClaimsSet.Builder claims(String tenant) {
		return new JWTClaimsSet.Builder()
				.issuer(issuer(tenant)).audience(audience(tenant)).subject("client-1")
				.claim("client_id", "client-1").claim("tenant", tenant).claim("scope", "patient/Observation.rs launch/patient")
				.claim("patient", "p1").jwtID("jti-1")
				.issueTime(Date.from(NOW.minusSeconds(60))).expirationTime(Date.from(NOW.plusSeconds(240)));
	}

	private static String sign(RSAKey key, JWTClaimsSet claims, UnaryOperator<JWSHeader.Builder> header) throws Exception {
		SignedJWT jwt = new SignedJWT(header.apply(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT)).build(), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	private static String sign(RSAKey key, JWTClaimsSet claims) throws Exception {
		return sign(key, claims, h -> h);
	}

	private TokenVerdict at(String tenant, String token) {
		return verifier.verify(token, tenant, issuer(tenant), audience(tenant));
	}

	private void assertRejected(TokenVerdict verdict, String reason) {
		assertThat(verdict).isInstanceOfSatisfying(TokenVerdict.Rejected.class, r -> assertThat(r.reason()).isEqualTo(reason));
	}

	@Test
	void aValidTokenOfThisTenantCarriesItsScopesAndContext() throws Exception {
		TokenVerdict verdict = at(A, sign(keyA, claims(A).build()));
		assertThat(verdict).isInstanceOfSatisfying(TokenVerdict.Valid.class, valid -> {
			assertThat(valid.clientId()).isEqualTo("client-1");
			assertThat(valid.patient()).isEqualTo("p1");
			assertThat(valid.scopes().granting("Observation", Permission.SEARCH)).hasSize(1);
			assertThat(valid.scopes().has("launch/patient")).isTrue();
			assertThat(valid.expiresAt()).isEqualTo(NOW.plusSeconds(240));
		});
	}

	@Test
	void tokenOfTenantAIsRejectedAtTenantBByItsSignatureKey() throws Exception {
		assertRejected(at(B, sign(keyA, claims(A).build())), "unknown signing key");
	}

	@Test
	void tokenNamingTenantBButSignedWithTenantAsKeyIsRejectedEitherWay() throws Exception {
		String forged = sign(keyA, claims(B).build());
		assertRejected(at(B, forged), "unknown signing key");
		assertRejected(at(A, forged), "issued by another issuer");
	}

	@Test
	void aTokenSignedByAnAttackerWithAStolenKidFailsOnSignature() throws Exception {
		assertRejected(at(A, sign(attackerKey, claims(A).build())), "bad signature");
	}

	@Test
	void headerKeyReferencesAreNeverFollowed() throws Exception {
		RSAKey ownKey = new RSAKeyGenerator(2048).keyID("attacker").generate();
		String withJwk = sign(ownKey, claims(A).build(), h -> h.jwk(ownKey.toPublicJWK()));
		String withJku = sign(ownKey, claims(A).build(), h -> h.jwkURL(URI.create("https://evil.example/jwks")));
		assertRejected(at(A, withJwk), "unknown signing key");
		assertRejected(at(A, withJku), "unknown signing key");
	}

	@Test
	void algNoneIsRejected() {
		String unsigned = new PlainJWT(claims(A).build()).serialize();
		assertRejected(at(A, unsigned), "not a signed JWT");
	}

	@Test
	void hmacSignedWithThePublicKeyIsRejected() throws Exception {
		byte[] publicKeyAsSecret = keyA.toPublicJWK().toJSONString().getBytes();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("kid-a").build(), claims(A).build());
		JWSSigner hmac = new MACSigner(publicKeyAsSecret);
		jwt.sign(hmac);
		assertRejected(at(A, jwt.serialize()), "algorithm not accepted");
	}

	@Test
	void ecSignedTokensAreRejected() throws Exception {
		ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("kid-a").generate();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("kid-a").build(), claims(A).build());
		jwt.sign(new ECDSASigner(ec));
		assertRejected(at(A, jwt.serialize()), "algorithm not accepted");
	}

	@Test
	void unknownOrMissingKidIsRejected() throws Exception {
		RSAKey noKid = new RSAKey.Builder(keyA).keyID(null).build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).build(), claims(A).build());
		jwt.sign(new RSASSASigner(noKid));
		assertRejected(at(A, jwt.serialize()), "unknown signing key");
	}

	@Test
	void criticalHeadersAreRejected() throws Exception {
		String token = sign(keyA, claims(A).build(), h -> h.criticalParams(java.util.Set.of("exp-hint")).customParam("exp-hint", 1));
		assertRejected(at(A, token), "critical header parameters not understood");
	}

	@Test
	void expiredTokensAreRejectedBeyondTheClockSkew() throws Exception {
		assertRejected(at(A, sign(keyA, claims(A).expirationTime(Date.from(NOW.minusSeconds(31))).build())), "expired");
		assertThat(at(A, sign(keyA, claims(A).expirationTime(Date.from(NOW.minusSeconds(10))).build()))).isInstanceOf(TokenVerdict.Valid.class);
		assertRejected(at(A, sign(keyA, claims(A).expirationTime(null).build())), "expired");
		assertRejected(at(A, sign(keyA, claims(A).notBeforeTime(Date.from(NOW.plusSeconds(120))).build())), "not yet valid");
	}

	@Test
	void audienceMustNameThisTenantsFhirBase() throws Exception {
		assertRejected(at(A, sign(keyA, claims(A).audience(audience(B)).build())), "meant for another audience");
		assertThat(at(A, sign(keyA, claims(A).audience(List.of("other", audience(A))).build()))).isInstanceOf(TokenVerdict.Valid.class);
	}

	@Test
	void theTenantClaimMustMatch() throws Exception {
		assertRejected(at(A, sign(keyA, claims(A).claim("tenant", B).build())), "issued for another tenant");
	}

	@Test
	void garbageOversizedAndMalformedScopeTokensAreRejected() throws Exception {
		assertRejected(at(A, "not.a.jwt"), "not a signed JWT");
		assertRejected(at(A, ""), "no bearer token");
		assertRejected(at(A, "x".repeat(AccessTokenVerifier.MAX_TOKEN_LENGTH + 1)), "token too large");
		assertRejected(at(A, sign(keyA, claims(A).claim("scope", "patient/Observation.sr").build())), "malformed claims");
	}

	@Test
	void onlyAccessTokenTypesAreAccepted() throws Exception {
		assertThat(at(A, sign(keyA, claims(A).build(), h -> h.type(new JOSEObjectType("at+jwt"))))).isInstanceOf(TokenVerdict.Valid.class);
		assertThat(at(A, sign(keyA, claims(A).build(), h -> h.type(null)))).isInstanceOf(TokenVerdict.Valid.class);
		assertRejected(at(A, sign(keyA, claims(A).build(), h -> h.type(new JOSEObjectType("secevent+jwt")))), "token type not accepted");
	}

	@Test
	void aRotatedKeySetIsUsedAtOnceUnderTheSameKid() throws Exception {
		RSAKey rotated = new RSAKeyGenerator(2048).keyID("kid-a").generate();
		JWKSet[] current = {new JWKSet(keyA.toPublicJWK())};
		AccessTokenVerifier rotating = new AccessTokenVerifier(t -> current[0], Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(30));
		assertThat(rotating.verify(sign(keyA, claims(A).build()), A, issuer(A), audience(A))).isInstanceOf(TokenVerdict.Valid.class);
		current[0] = new JWKSet(rotated.toPublicJWK());
		assertThat(rotating.verify(sign(rotated, claims(A).build()), A, issuer(A), audience(A))).isInstanceOf(TokenVerdict.Valid.class);
		assertRejected(rotating.verify(sign(keyA, claims(A).build()), A, issuer(A), audience(A)), "bad signature");
	}
}
