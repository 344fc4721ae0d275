package io.smartvitals.interceptors.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JOSEObjectTypeVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.smartvitals.smart.model.scope.InvalidScopeException;
import io.smartvitals.smart.model.scope.ScopeParser;
import io.smartvitals.smart.model.scope.ScopeSet;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks an access token against the tenant named by the URL with Nimbus's JWT processor, in this
 * order: size and shape, {@code typ}, key selection ({@link TenantKeySelector}: RS256 only, no
 * critical headers, {@code kid} among the tenant's own published keys), signature, then the claim
 * rules ({@link AccessTokenClaims}). A token of tenant A therefore fails at tenant B on its
 * signature key before any claim or scope is looked at. A token verified before is answered from
 * {@link VerifiedTokens} while it is unexpired and its key still published. One instance serves
 * every caller, so its key, token and scope caches are shared.
 */
public class AccessTokenVerifier {

	static final int MAX_TOKEN_LENGTH = 8192;
	/** Ours carry {@code JWT}; RFC 9068's {@code at+jwt} and none are the other spellings an access token may use. */
	private static final JOSEObjectTypeVerifier<TenantTokenContext> TYPES =
			new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null);
	private final DefaultJWTProcessor<TenantTokenContext> processor = new DefaultJWTProcessor<>();
	/** Parsed scopes by scope string: an app's tokens repeat the same few strings. Bounded by clearing. */
	private final Map<String, ScopeSet> parsedScopes = new ConcurrentHashMap<>();
	private static final int MAX_CACHED_SCOPE_STRINGS = 10_000;
	/** Tokens remembered by default: a few per active client, about 1 MB. */
	public static final int DEFAULT_VERIFIED_TOKENS = 10_000;
	private final VerifiedTokens verified;
	private final Clock clock;

	public AccessTokenVerifier(TenantKeySource keys, Clock clock, Duration clockSkew) {
		this(keys, clock, clockSkew, DEFAULT_VERIFIED_TOKENS);
	}

	/** @param verifiedTokens how many verified tokens to remember; 0 verifies every signature */
	public AccessTokenVerifier(TenantKeySource keys, Clock clock, Duration clockSkew, int verifiedTokens) {
		this.clock = clock;
		this.verified = new VerifiedTokens(verifiedTokens, keys, clockSkew);
		processor.setJWSTypeVerifier(TYPES);
		processor.setJWSKeySelector(new TenantKeySelector(keys));
		processor.setJWTClaimsSetVerifier(new AccessTokenClaims(clock, clockSkew));
	}

	/**
	 * @param issuer the tenant's issuer URL, e.g. {@code https://host/auth/general-hospital}
	 * @param audience the tenant's FHIR base URL, e.g. {@code https://host/fhir/general-hospital}
	 */
	public TokenVerdict verify(String token, String tenant, String issuer, String audience) {
		if (token == null || token.isBlank()) {
			return rejected("no bearer token");
		}
		if (token.length() > MAX_TOKEN_LENGTH) {
			return rejected("token too large");
		}
		Optional<TokenVerdict.Valid> seen = verified.find(token, tenant, issuer, audience, clock.instant());
		if (seen.isPresent()) {
			return seen.get();
		}
		SignedJWT jwt;
		try {
			jwt = SignedJWT.parse(token);
			jwt.getJWTClaimsSet();
		} catch (ParseException | RuntimeException e) {
			return rejected("not a signed JWT");
		}
		JWTClaimsSet claims;
		try {
			claims = processor.process(jwt, new TenantTokenContext(tenant, issuer, audience));
		} catch (BadJWSException e) {
			return rejected("bad signature");
		} catch (BadJWTException | TokenRefusal e) {
			return rejected(e.getMessage());
		} catch (BadJOSEException e) {
			return rejected("token type not accepted");
		} catch (JOSEException e) {
			return rejected("bad signature");
		}
		TokenVerdict verdict = valid(claims, tenant);
		if (verdict instanceof TokenVerdict.Valid ok) {
			verified.remember(token, issuer, audience, jwt.getHeader().getKeyID(), ok);
		}
		return verdict;
	}

	private TokenVerdict valid(JWTClaimsSet claims, String tenant) {
		try {
			return new TokenVerdict.Valid(
					tenant,
					claims.getSubject(),
					claims.getStringClaim("client_id"),
					scopes(claims.getStringClaim("scope")),
					claims.getStringClaim("patient"),
					claims.getStringClaim("encounter"),
					claims.getStringClaim("fhirUser"),
					claims.getJWTID(),
					issuedAt(claims),
					claims.getExpirationTime().toInstant());
		} catch (ParseException | InvalidScopeException e) {
			return rejected("malformed claims");
		}
	}

	/** {@code iat}, made exact by our {@code iat_ms} when that names a time within the same second. */
	private static Instant issuedAt(JWTClaimsSet claims) throws ParseException {
		if (claims.getIssueTime() == null) {
			return null;
		}
		Instant iat = claims.getIssueTime().toInstant();
		String exact = claims.getStringClaim("iat_ms");
		try {
			Instant millis = exact == null ? null : Instant.ofEpochMilli(Long.parseLong(exact));
			return millis != null && millis.getEpochSecond() == iat.getEpochSecond() ? millis : iat;
		} catch (NumberFormatException e) {
			return iat;
		}
	}

	private ScopeSet scopes(String scope) throws InvalidScopeException {
		if (scope == null) {
			return ScopeParser.parse(null);
		}
		ScopeSet parsed = parsedScopes.get(scope);
		if (parsed == null) {
			parsed = ScopeParser.parse(scope);
			if (parsedScopes.size() >= MAX_CACHED_SCOPE_STRINGS) {
				parsedScopes.clear();
			}
			parsedScopes.put(scope, parsed);
		}
		return parsed;
	}

	private static TokenVerdict rejected(String reason) {
		return new TokenVerdict.Rejected(reason);
	}
}
