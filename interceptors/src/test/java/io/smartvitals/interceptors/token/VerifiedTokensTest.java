package io.smartvitals.interceptors.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The verifier's memory of verified tokens: a hit is the earlier verdict, and only while every check would still pass. */
class VerifiedTokensTest {

	private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
	private static final String T = "tenant-a";
	private static final String ISSUER = "https://vitals.example/auth/" + T;
	private static final String AUDIENCE = "https://vitals.example/fhir/" + T;
	private static RSAKey key;
	private static String token;

	private final MovableClock clock = new MovableClock(NOW);
	private JWKSet published;

	@BeforeAll
	static void signedToken() throws Exception {
		key = new RSAKeyGenerator(2048).keyID("kid-a").generate();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject("client-1")
				.claim("client_id", "client-1").claim("tenant", T).claim("scope", "system/Observation.rs").jwtID("jti-1")
				.issueTime(Date.from(NOW)).expirationTime(Date.from(NOW.plusSeconds(300))).build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("kid-a").type(JOSEObjectType.JWT).build(), claims);
		jwt.sign(new RSASSASigner(key));
		token = jwt.serialize();
	}

	private AccessTokenVerifier verifier(int size) {
		published = new JWKSet(key.toPublicJWK());
		return new AccessTokenVerifier(tenant -> published, clock, Duration.ofSeconds(30), size);
	}

	@Test
	void aSeenTokenIsAnsweredWithTheEarlierVerdict() {
		AccessTokenVerifier verifier = verifier(100);
		TokenVerdict first = verifier.verify(token, T, ISSUER, AUDIENCE);
		assertThat(first).isInstanceOf(TokenVerdict.Valid.class);
		assertThat(verifier.verify(token, T, ISSUER, AUDIENCE)).isSameAs(first);
		AccessTokenVerifier uncached = verifier(0);
		assertThat(uncached.verify(token, T, ISSUER, AUDIENCE)).isNotSameAs(uncached.verify(token, T, ISSUER, AUDIENCE))
				.isInstanceOf(TokenVerdict.Valid.class);
	}

	@Test
	void aSeenTokenExpiresOnTime() {
		AccessTokenVerifier verifier = verifier(100);
		assertThat(verifier.verify(token, T, ISSUER, AUDIENCE)).isInstanceOf(TokenVerdict.Valid.class);
		clock.set(NOW.plusSeconds(329));
		assertThat(verifier.verify(token, T, ISSUER, AUDIENCE)).as("within the skew").isInstanceOf(TokenVerdict.Valid.class);
		clock.set(NOW.plusSeconds(330));
		assertThat(verifier.verify(token, T, ISSUER, AUDIENCE)).isEqualTo(new TokenVerdict.Rejected("expired"));
	}

	@Test
	void aSeenTokenStopsWhenItsKeyIsNoLongerPublishedOrIsReplaced() throws Exception {
		AccessTokenVerifier verifier = verifier(100);
		assertThat(verifier.verify(token, T, ISSUER, AUDIENCE)).isInstanceOf(TokenVerdict.Valid.class);
		published = new JWKSet();
		assertThat(verifier.verify(token, T, ISSUER, AUDIENCE)).isEqualTo(new TokenVerdict.Rejected("unknown signing key"));
		published = new JWKSet(new RSAKeyGenerator(2048).keyID("kid-a").generate().toPublicJWK());
		assertThat(verifier.verify(token, T, ISSUER, AUDIENCE)).as("another key under the same kid")
				.isEqualTo(new TokenVerdict.Rejected("bad signature"));
	}

	@Test
	void aSeenTokenIsNoHitAtAnotherTenantIssuerOrAudience() {
		AccessTokenVerifier verifier = verifier(100);
		assertThat(verifier.verify(token, T, ISSUER, AUDIENCE)).isInstanceOf(TokenVerdict.Valid.class);
		assertThat(verifier.verify(token, T, ISSUER, "https://vitals.example/fhir/tenant-b")).isInstanceOf(TokenVerdict.Rejected.class);
		assertThat(verifier.verify(token, T, "https://other.example/auth/" + T, AUDIENCE)).isInstanceOf(TokenVerdict.Rejected.class);
		assertThat(verifier.verify(token, "tenant-b", ISSUER, AUDIENCE)).isInstanceOf(TokenVerdict.Rejected.class);
		assertThat(verifier.verify(token + "x", T, ISSUER, AUDIENCE)).isInstanceOf(TokenVerdict.Rejected.class);
	}

	private static final class MovableClock extends Clock {
		private volatile Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		void set(Instant instant) {
			now = instant;
		}

		@Override
		public Instant instant() {
			return now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}
	}
}
