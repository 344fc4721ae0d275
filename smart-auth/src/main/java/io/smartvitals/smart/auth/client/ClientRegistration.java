package io.smartvitals.smart.auth.client;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.smartvitals.smart.model.scope.InvalidScopeException;
import io.smartvitals.smart.model.scope.ResourceScope;
import io.smartvitals.smart.model.scope.ScopeContext;
import io.smartvitals.smart.model.scope.ScopeParser;
import io.smartvitals.smart.model.scope.ScopeSet;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A request to register a client, as the admin API receives it, and the rules it must meet.
 * {@code jwks} is a JWK Set object (public keys only); {@code expiresAt} is mandatory for backend
 * clients and defaults to {@code maxLifetime} from now for the others.
 */
public record ClientRegistration(
		String clientId,
		String name,
		String type,
		List<String> redirectUris,
		List<String> scopes,
		List<String> launchTypes,
		String launchUri,
		Map<String, Object> jwks,
		String jwksUrl,
		String owner,
		String purpose,
		Instant expiresAt) {

	/** The checked parts of a registration: everything the registry stores except identity and secret. */
	public record Checked(
			String clientId, String name, ClientType type, List<String> redirectUris, List<String> scopes,
			Set<LaunchType> launchTypes, String launchUri, String jwks, String jwksUrl, String owner, String purpose,
			Instant expiresAt) {}

	public Checked check(Instant now, Duration maxLifetime) {
		String checkedName = required("name", name, 200);
		String checkedOwner = required("owner", owner, 200);
		String checkedPurpose = required("purpose", purpose, 1000);
		ClientType checkedType = clientType();
		Set<LaunchType> checkedLaunchTypes = parsedLaunchTypes();
		if (checkedLaunchTypes.contains(LaunchType.BACKEND) && checkedType != ClientType.CONFIDENTIAL_ASYMMETRIC) {
			throw new ClientRegistrationException("launchTypes: backend clients must be confidential-asymmetric (private_key_jwt)");
		}
		List<String> checkedRedirects = redirectUris == null ? List.of() : List.copyOf(new LinkedHashSet<>(redirectUris));
		checkedRedirects.forEach(RedirectUriRule::check);
		boolean userFacing = checkedLaunchTypes.contains(LaunchType.EHR) || checkedLaunchTypes.contains(LaunchType.STANDALONE);
		if (userFacing && checkedRedirects.isEmpty()) {
			throw new ClientRegistrationException("redirectUris: required for ehr and standalone launch");
		}
		List<String> checkedScopes = scopes(checkedLaunchTypes);
		String checkedJwks = null;
		String checkedJwksUrl = null;
		if (checkedType == ClientType.CONFIDENTIAL_ASYMMETRIC) {
			if ((jwks == null) == (jwksUrl == null || jwksUrl.isBlank())) {
				throw new ClientRegistrationException("jwks: give exactly one of jwks (a public JWK Set) or jwksUrl");
			}
			if (jwks != null) {
				checkedJwks = publicJwks(jwks).toString(true);
			} else {
				checkedJwksUrl = httpsUrl("jwksUrl", jwksUrl);
			}
		} else if (jwks != null || jwksUrl != null) {
			throw new ClientRegistrationException("jwks: only confidential-asymmetric clients register keys");
		}
		String checkedLaunchUri = launchUri == null || launchUri.isBlank() ? null : absoluteUrl("launchUri", launchUri);
		Instant checkedExpiry = expiry(now, maxLifetime, checkedLaunchTypes);
		String checkedClientId = clientId == null || clientId.isBlank() ? null : checkedClientId();
		return new Checked(
				checkedClientId, checkedName, checkedType, checkedRedirects, checkedScopes, checkedLaunchTypes,
				checkedLaunchUri, checkedJwks, checkedJwksUrl, checkedOwner, checkedPurpose, checkedExpiry);
	}

	private String checkedClientId() {
		if (!clientId.matches("[A-Za-z0-9._~-]{3,100}")) {
			throw new ClientRegistrationException("clientId: 3-100 characters of A-Z a-z 0-9 . _ ~ -");
		}
		return clientId;
	}

	private ClientType clientType() {
		if (type == null) {
			throw new ClientRegistrationException("type: required (public, confidential-symmetric, confidential-asymmetric)");
		}
		return switch (type) {
			case "public" -> ClientType.PUBLIC;
			case "confidential-symmetric" -> ClientType.CONFIDENTIAL_SYMMETRIC;
			case "confidential-asymmetric" -> ClientType.CONFIDENTIAL_ASYMMETRIC;
			default -> throw new ClientRegistrationException(
					"type: one of public, confidential-symmetric, confidential-asymmetric");
		};
	}

	private Set<LaunchType> parsedLaunchTypes() {
		if (launchTypes == null || launchTypes.isEmpty()) {
			throw new ClientRegistrationException("launchTypes: at least one of ehr, standalone, backend");
		}
		EnumSet<LaunchType> parsed = EnumSet.noneOf(LaunchType.class);
		launchTypes.forEach(t -> parsed.add(LaunchType.parse(t)));
		return parsed;
	}

	private List<String> scopes(Set<LaunchType> types) {
		if (scopes == null || scopes.isEmpty()) {
			throw new ClientRegistrationException("scopes: the client's allowed scopes are required");
		}
		ScopeSet parsed;
		try {
			parsed = ScopeParser.parse(String.join(" ", scopes));
		} catch (InvalidScopeException e) {
			throw new ClientRegistrationException("scopes: " + e.getMessage());
		}
		boolean backendOnly = types.equals(EnumSet.of(LaunchType.BACKEND));
		if (parsed.has(ScopeParser.SYSTEM_LAUNCH) && !types.contains(LaunchType.BACKEND)) {
			throw new ClientRegistrationException("scopes: system/launch (the EHR launch API) is granted only to backend clients");
		}
		if (parsed.has(ScopeParser.SYSTEM_ACCESS_POLICY) && !backendOnly) {
			throw new ClientRegistrationException(
					"scopes: system/access-policy (tenant administration over FHIR) is granted only to backend-only clients");
		}
		for (ResourceScope scope : parsed.resourceScopes()) {
			boolean system = scope.context() == ScopeContext.SYSTEM;
			if (system && !types.contains(LaunchType.BACKEND)) {
				throw new ClientRegistrationException("scopes: system/ scopes are granted only to backend clients: " + scope.text());
			}
			if (!system && backendOnly) {
				throw new ClientRegistrationException("scopes: a backend client acts for no user or patient: " + scope.text());
			}
		}
		return List.copyOf(new LinkedHashSet<>(scopes));
	}

	private Instant expiry(Instant now, Duration maxLifetime, Set<LaunchType> types) {
		if (expiresAt == null) {
			if (types.contains(LaunchType.BACKEND)) {
				throw new ClientRegistrationException("expiresAt: required for backend clients");
			}
			return now.plus(maxLifetime);
		}
		if (!expiresAt.isAfter(now)) {
			throw new ClientRegistrationException("expiresAt: must be in the future");
		}
		if (expiresAt.isAfter(now.plus(maxLifetime))) {
			throw new ClientRegistrationException("expiresAt: at most " + maxLifetime.toDays() + " days ahead");
		}
		return expiresAt;
	}

	private static JWKSet publicJwks(Map<String, Object> jwks) {
		JWKSet set;
		try {
			set = JWKSet.parse(jwks);
		} catch (ParseException e) {
			throw new ClientRegistrationException("jwks: not a JWK Set: " + e.getMessage());
		}
		if (set.getKeys().isEmpty()) {
			throw new ClientRegistrationException("jwks: no keys");
		}
		for (JWK key : set.getKeys()) {
			if (key.isPrivate()) {
				throw new ClientRegistrationException("jwks: private key material must never be registered");
			}
			if (key.getKeyID() == null) {
				throw new ClientRegistrationException("jwks: every key needs a kid");
			}
			if (key instanceof RSAKey rsa && rsa.size() < 2048) {
				throw new ClientRegistrationException("jwks: RSA keys must be at least 2048 bits");
			}
			if (!(key instanceof RSAKey) && !(key instanceof ECKey)) {
				throw new ClientRegistrationException("jwks: RSA (RS384) or EC P-384 (ES384) keys only");
			}
		}
		return set.toPublicJWKSet();
	}

	private static String httpsUrl(String field, String url) {
		String checked = absoluteUrl(field, url);
		URI uri = URI.create(checked);
		if (!uri.getScheme().equals("https") && !RedirectUriRule.isLoopback(uri.getHost())) {
			throw new ClientRegistrationException(field + ": https required");
		}
		return checked;
	}

	private static String absoluteUrl(String field, String url) {
		try {
			URI uri = new URI(url);
			if (!uri.isAbsolute() || uri.getHost() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
				throw new ClientRegistrationException(field + ": an absolute http(s) URL");
			}
			return url;
		} catch (java.net.URISyntaxException e) {
			throw new ClientRegistrationException(field + ": not a URL");
		}
	}

	private static String required(String field, String value, int max) {
		if (value == null || value.isBlank()) {
			throw new ClientRegistrationException(field + ": required");
		}
		if (value.length() > max) {
			throw new ClientRegistrationException(field + ": at most " + max + " characters");
		}
		return value.strip();
	}
}
