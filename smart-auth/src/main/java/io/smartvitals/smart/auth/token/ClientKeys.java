package io.smartvitals.smart.auth.token;

import com.nimbusds.jose.jwk.JWKSet;
import io.smartvitals.smart.auth.client.SmartClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client's public keys: the JWK Set registered inline, or fetched from its registered JWKS URL
 * (cached for {@code ttl}, bounded in size and time, so a slow or huge endpoint cannot stall the
 * token endpoint). Keys are never taken from the assertion itself.
 */
public class ClientKeys {

	private static final int MAX_JWKS_BYTES = 64 * 1024;

	private record Cached(JWKSet keys, Instant fetchedAt) {}

	private final HttpClient http =
			HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).followRedirects(HttpClient.Redirect.NEVER).build();
	private final Map<String, Cached> fetched = new ConcurrentHashMap<>();
	private final Clock clock;
	private final Duration ttl;

	public ClientKeys(Clock clock, Duration ttl) {
		this.clock = clock;
		this.ttl = ttl;
	}

	public JWKSet keysOf(SmartClient client) throws KeyResolutionException {
		if (client.jwks() != null) {
			try {
				return JWKSet.parse(client.jwks());
			} catch (ParseException e) {
				throw new KeyResolutionException("registered JWKS unreadable");
			}
		}
		if (client.jwksUrl() == null) {
			throw new KeyResolutionException("client has no registered keys");
		}
		Cached cached = fetched.get(client.jwksUrl());
		if (cached != null && cached.fetchedAt().plus(ttl).isAfter(clock.instant())) {
			return cached.keys();
		}
		JWKSet keys = fetch(client.jwksUrl());
		fetched.put(client.jwksUrl(), new Cached(keys, clock.instant()));
		return keys;
	}

	private JWKSet fetch(String url) throws KeyResolutionException {
		try {
			HttpResponse<byte[]> response = http.send(
					HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).header("Accept", "application/json").build(),
					HttpResponse.BodyHandlers.ofByteArray());
			if (response.statusCode() != 200 || response.body().length > MAX_JWKS_BYTES) {
				throw new KeyResolutionException("JWKS URL answered " + response.statusCode());
			}
			return JWKSet.parse(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8)).toPublicJWKSet();
		} catch (IOException | ParseException e) {
			throw new KeyResolutionException("JWKS URL unreadable");
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new KeyResolutionException("interrupted");
		}
	}

	/** The client's keys could not be found or read. */
	public static class KeyResolutionException extends Exception {
		public KeyResolutionException(String message) {
			super(message);
		}
	}
}
