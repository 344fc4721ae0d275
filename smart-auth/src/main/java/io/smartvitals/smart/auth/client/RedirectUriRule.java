package io.smartvitals.smart.auth.client;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * What may be registered as a redirect URI (RFC 9700 section 2.1, OAuth 2.1): absolute, no
 * fragment, no user info, {@code https} except for loopback hosts where {@code http} is allowed.
 * Matching at the authorization endpoint is then exact string comparison, nothing looser.
 */
public final class RedirectUriRule {

	private RedirectUriRule() {}

	public static void check(String uri) {
		URI parsed;
		try {
			parsed = new URI(uri);
		} catch (URISyntaxException e) {
			throw new ClientRegistrationException("redirectUris: not a URI: " + uri);
		}
		if (!parsed.isAbsolute() || parsed.getHost() == null) {
			throw new ClientRegistrationException("redirectUris: must be absolute: " + uri);
		}
		if (parsed.getRawFragment() != null || uri.contains("#")) {
			throw new ClientRegistrationException("redirectUris: must not have a fragment: " + uri);
		}
		if (parsed.getRawUserInfo() != null) {
			throw new ClientRegistrationException("redirectUris: must not carry user info: " + uri);
		}
		String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
		if (scheme.equals("https")) {
			return;
		}
		if (scheme.equals("http") && isLoopback(parsed.getHost())) {
			return;
		}
		throw new ClientRegistrationException("redirectUris: https required (http only for loopback hosts): " + uri);
	}

	static boolean isLoopback(String host) {
		String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
		if (h.equalsIgnoreCase("localhost")) {
			return true;
		}
		if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
			return false; // never resolve names here
		}
		try {
			return InetAddress.getByName(h).isLoopbackAddress();
		} catch (Exception e) {
			return false;
		}
	}
}
