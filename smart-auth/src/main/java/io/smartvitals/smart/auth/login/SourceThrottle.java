package io.smartvitals.smart.auth.login;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The rule for failed sign-ins from one source (per tenant, whatever usernames they name): after
 * the free ones, a {@link Backoff} wait before each next attempt; attempts inside the wait are
 * refused unchecked and do not count. The count forgets a source after {@code window} without
 * failures. This slows guessing and username spraying before any account's own lock is near, and
 * it answers the same for a username that exists and one that does not.
 */
public record SourceThrottle(Backoff backoff, Duration window) {

	/** Defaults: 20 free failures per source (a clinic behind one NAT), then 1 s doubling up to 60 s, forgotten after 15 min. */
	public static SourceThrottle defaults() {
		return new SourceThrottle(new Backoff(20, Duration.ofSeconds(1), Duration.ofSeconds(60)), Duration.ofMinutes(15));
	}

	public Optional<Instant> waitUntil(int failures, Instant lastFailureAt, Instant now) {
		if (lastFailureAt == null || lastFailureAt.plus(window).isBefore(now)) {
			return Optional.empty();
		}
		return backoff.waitUntil(failures, lastFailureAt, now);
	}

	/**
	 * The key of a client address: an IPv4 address as is, an IPv6 address by its /64 (one
	 * subscriber's prefix, which holds more addresses than anyone could try one by one).
	 */
	public static String source(String remoteAddress) {
		if (remoteAddress == null || !remoteAddress.matches("[0-9a-fA-F:.\\[\\]]{2,47}")) {
			// Only literals are parsed: getByName would resolve a name.
			return "unknown";
		}
		try {
			byte[] bytes = InetAddress.getByName(remoteAddress.startsWith("[") ? remoteAddress.substring(1, remoteAddress.length() - 1)
					: remoteAddress).getAddress();
			if (bytes.length == 4) {
				return InetAddress.getByAddress(bytes).getHostAddress();
			}
			StringBuilder prefix = new StringBuilder();
			for (int i = 0; i < 8; i += 2) {
				prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
			}
			return prefix.append(":/64").toString();
		} catch (UnknownHostException notAnAddress) {
			return "unknown";
		}
	}
}
