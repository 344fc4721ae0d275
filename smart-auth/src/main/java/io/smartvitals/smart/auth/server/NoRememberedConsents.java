package io.smartvitals.smart.auth.server;

import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;

/**
 * SMART shows the approval page on every authorization: what the user unchecks last time must not
 * be granted silently next time (Spring Authorization Server would add remembered scopes back), and
 * a standalone launch needs the patient picker each time. So approvals are never stored.
 */
public class NoRememberedConsents implements OAuth2AuthorizationConsentService {

	@Override
	public void save(OAuth2AuthorizationConsent authorizationConsent) {}

	@Override
	public void remove(OAuth2AuthorizationConsent authorizationConsent) {}

	@Override
	public OAuth2AuthorizationConsent findById(String registeredClientId, String principalName) {
		return null;
	}
}
