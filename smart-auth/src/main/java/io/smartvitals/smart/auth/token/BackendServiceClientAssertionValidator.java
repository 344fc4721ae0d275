package io.smartvitals.smart.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.smartvitals.smart.auth.client.SmartClient;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Checks a client assertion (RFC 7523, SMART Backend Services) for one registered client, strictly
 * and in this order: size and shape; header ({@code alg} RS384 or ES384 matching the key type, no
 * embedded {@code jwk}/{@code x5u}/{@code x5c}, {@code jku} only if it is the registered JWKS URL,
 * no {@code crit}); signature with a registered key found by {@code kid}; then claims ({@code iss}
 * = {@code sub} = client id, {@code aud} exactly the token URL as a single value, {@code exp} in the
 * future but at most five minutes ahead, {@code nbf} not in the future, a {@code jti} never seen).
 * The jti is recorded last, so a rejected assertion does not burn it.
 */
public class BackendServiceClientAssertionValidator {

	static final int MAX_ASSERTION_LENGTH = 16 * 1024;
	static final Duration MAX_LIFETIME = Duration.ofMinutes(5);
	static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS384, JWSAlgorithm.ES384);

	/** The verdict: the checked claims, or why the client is not authenticated. */
	public sealed interface Verdict {
		record Accepted(JWTClaimsSet claims, JWSHeader header) implements Verdict {}

		record Rejected(String reason) implements Verdict {}
	}

	private final ClientKeys keys;
	private final ClientAssertionReplayCache replay;
	private final Clock clock;
	private final Duration skew;

	public BackendServiceClientAssertionValidator(
			ClientKeys keys, ClientAssertionReplayCache replay, Clock clock, Duration skew) {
		this.keys = keys;
		this.replay = replay;
		this.clock = clock;
		this.skew = skew;
	}

	public Verdict validate(String assertion, SmartClient client, String tokenEndpoint) {
		if (assertion == null || assertion.length() > MAX_ASSERTION_LENGTH) {
			return rejected("assertion missing or too large");
		}
		SignedJWT jwt;
		JWTClaimsSet claims;
		try {
			jwt = SignedJWT.parse(assertion);
			claims = jwt.getJWTClaimsSet();
		} catch (ParseException | RuntimeException e) {
			return rejected("assertion is not a signed JWT");
		}
		JWSHeader header = jwt.getHeader();
		String headerProblem = headerProblem(header, client);
		if (headerProblem != null) {
			return rejected(headerProblem);
		}
		JWK key;
		try {
			key = keyFor(header, keys.keysOf(client));
		} catch (ClientKeys.KeyResolutionException e) {
			return rejected(e.getMessage());
		}
		if (key == null) {
			return rejected("no registered key matches kid and alg");
		}
		if (!verifies(jwt, key)) {
			return rejected("bad signature");
		}
		// Nimbus turns a single-string aud into a list; the raw payload tells a string from an array.
		String claimsProblem = claimsProblem(claims, jwt.getPayload().toJSONObject().get("aud"), client, tokenEndpoint);
		if (claimsProblem != null) {
			return rejected(claimsProblem);
		}
		if (!replay.firstUse(client.tenant(), client.clientId(), claims.getJWTID(), claims.getExpirationTime().toInstant())) {
			return rejected("jti already used");
		}
		return new Verdict.Accepted(claims, header);
	}

	private static String headerProblem(JWSHeader header, SmartClient client) {
		if (!ALGORITHMS.contains(header.getAlgorithm())) {
			return "alg must be RS384 or ES384";
		}
		if (header.getType() != null && !JOSEObjectType.JWT.equals(header.getType())) {
			return "typ must be JWT";
		}
		if (header.getJWK() != null || header.getX509CertURL() != null || header.getX509CertChain() != null) {
			return "keys embedded in or linked from the header are not accepted";
		}
		if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
			return "critical header parameters not understood";
		}
		if (header.getJWKURL() != null
				&& (client.jwksUrl() == null || !client.jwksUrl().equals(header.getJWKURL().toString()))) {
			return "jku is not the client's registered JWKS URL";
		}
		return null;
	}

	private static JWK keyFor(JWSHeader header, JWKSet set) {
		List<JWK> candidates = set.getKeys().stream()
				.filter(k -> header.getKeyID() == null || header.getKeyID().equals(k.getKeyID()))
				.filter(k -> fits(header.getAlgorithm(), k))
				.toList();
		return candidates.size() == 1 ? candidates.get(0) : null;
	}

	private static boolean fits(JWSAlgorithm alg, JWK key) {
		if (key.getAlgorithm() != null && !key.getAlgorithm().equals(alg)) {
			return false;
		}
		if (JWSAlgorithm.RS384.equals(alg)) {
			return key instanceof RSAKey;
		}
		return key instanceof ECKey ec && Curve.P_384.equals(ec.getCurve());
	}

	private static boolean verifies(SignedJWT jwt, JWK key) {
		try {
			JWSVerifier verifier = key instanceof RSAKey rsa ? new RSASSAVerifier(rsa) : new ECDSAVerifier((ECKey) key);
			return jwt.verify(verifier);
		} catch (JOSEException | RuntimeException e) {
			return false;
		}
	}

	private String claimsProblem(JWTClaimsSet claims, Object aud, SmartClient client, String tokenEndpoint) {
		if (!client.clientId().equals(claims.getIssuer()) || !client.clientId().equals(claims.getSubject())) {
			return "iss and sub must both be the client id";
		}
		if (!(aud instanceof String audience) || !audience.equals(tokenEndpoint)) {
			return "aud must be the token endpoint URL, as a single string";
		}
		Instant now = clock.instant();
		if (claims.getExpirationTime() == null) {
			return "exp missing";
		}
		Instant exp = claims.getExpirationTime().toInstant();
		if (!exp.plus(skew).isAfter(now)) {
			return "assertion expired";
		}
		if (exp.isAfter(now.plus(MAX_LIFETIME).plus(skew))) {
			return "exp more than five minutes ahead";
		}
		if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().isAfter(now.plus(skew))) {
			return "assertion not yet valid";
		}
		String jti = claims.getJWTID();
		if (jti == null || jti.isBlank() || jti.length() > 256) {
			return "jti missing or longer than 256 characters";
		}
		return null;
	}

	private static Verdict rejected(String reason) {
		return new Verdict.Rejected(reason);
	}
}
