package io.smartvitals.smart.auth.token;

import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

/** Finds the launch context of a user authorization: EHR launch, picked patient, the user's own record. */
@FunctionalInterface
public interface SmartContextResolver {

	SmartContext resolve(String tenant, OAuth2Authorization authorization, Authentication user, Set<String> grantedScopes);
}
