package io.smartvitals.smart.auth.token;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import io.smartvitals.smart.auth.client.SmartClient;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a client's public keys come from: the JWK Set registered inline, or its registered JWKS
 * URL through Nimbus's {@link JWKSourceBuilder} (cached for {@code ttl}, refetched at most every
 * 30 s when an unknown {@code kid} arrives, so a rotated key is found; timeouts and a size limit
 * so a slow or huge endpoint cannot stall the token endpoint; redirects not followed). Keys are
 * never taken from the assertion itself. One source per URL, shared by the clients naming it.
 */
public class ClientKeySources {

	static final int MAX_JWKS_BYTES = 64 * 1024;
	private static final int CONNECT_TIMEOUT_MS = 3_000;
	private static final int READ_TIMEOUT_MS = 5_000;
	private static final long UNKNOWN_KID_REFETCH_MS = 30_000;

	/** The client's keys could not be found or read. */
	public static class UnusableKeys extends Exception {
		UnusableKeys(String reason) {
			super(reason);
		}
	}

	private final Duration ttl;
	private final Map<String, JWKSource<SecurityContext>> byUrl = new ConcurrentHashMap<>();

	public ClientKeySources(Duration ttl) {
		this.ttl = ttl;
	}

	JWKSource<SecurityContext> of(SmartClient client) throws UnusableKeys {
		if (client.jwks() != null) {
			try {
				return new ImmutableJWKSet<>(JWKSet.parse(client.jwks()).toPublicJWKSet());
			} catch (ParseException e) {
				throw new UnusableKeys("registered JWKS unreadable");
			}
		}
		if (client.jwksUrl() == null) {
			throw new UnusableKeys("client has no registered keys");
		}
		URL url;
		try {
			url = URI.create(client.jwksUrl()).toURL();
		} catch (IllegalArgumentException | MalformedURLException e) {
			throw new UnusableKeys("registered JWKS URL unreadable");
		}
		return byUrl.computeIfAbsent(client.jwksUrl(), u -> JWKSourceBuilder.<SecurityContext>create(url, new NoRedirects())
				.cache(ttl.toMillis(), READ_TIMEOUT_MS)
				.rateLimited(UNKNOWN_KID_REFETCH_MS)
				.build());
	}

	/** A client's JWKS URL answers with its keys or not at all: a redirect could point anywhere. */
	private static final class NoRedirects extends DefaultResourceRetriever {
		NoRedirects() {
			super(CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, MAX_JWKS_BYTES);
		}

		@Override
		protected HttpURLConnection openHTTPConnection(URL url) throws IOException {
			HttpURLConnection connection = super.openHTTPConnection(url);
			connection.setInstanceFollowRedirects(false);
			return connection;
		}
	}
}
