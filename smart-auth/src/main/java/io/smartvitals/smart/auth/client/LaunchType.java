package io.smartvitals.smart.auth.client;

import java.util.Locale;

/** How a client may obtain tokens: launched by the EHR, standalone, or as a backend service. */
public enum LaunchType {
	EHR,
	STANDALONE,
	BACKEND;

	public static LaunchType parse(String text) {
		try {
			return valueOf(text.trim().toUpperCase(Locale.ROOT));
		} catch (IllegalArgumentException e) {
			throw new ClientRegistrationException("launchTypes: unknown launch type '" + text + "' (ehr, standalone, backend)");
		}
	}

	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}
}
