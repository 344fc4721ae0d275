package io.smartvitals.audit.fhir;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who may read AuditEvents: only a token holding an explicit audit scope, {@code system/} or
 * {@code user/AuditEvent} with read (for read) or search (for search): {@code .rs}, {@code .r},
 * {@code .s}, v1 {@code .read}. Wildcards ({@code system/*.rs}) and patient scopes do not reach
 * audit evidence, and granular scopes ({@code ?param=}) are not honoured here. Decides on its own,
 * so AuditEvent stays closed even where no enforcement interceptor ran.
 */
public final class AuditReadAccess {

	public enum Need {
		READ('r'),
		SEARCH('s');

		private final char letter;

		Need(char letter) {
			this.letter = letter;
		}
	}

	private final Function<RequestDetails, Optional<String>> scopesOf;

	/** @param scopesOf the verified token's scope string, empty when the request carries no valid token */
	public AuditReadAccess(Function<RequestDetails, Optional<String>> scopesOf) {
		this.scopesOf = scopesOf;
	}

	/** @throws AuthenticationException (401) without a valid token; ForbiddenOperationException (403) without the scope */
	public void require(RequestDetails request, Need need) {
		Optional<String> scopes = scopesOf.apply(request);
		if (scopes.isEmpty()) {
			AuthenticationException e = new AuthenticationException("AuditEvent needs a bearer token with an audit scope");
			e.addAuthenticateHeaderForRealm("fhir");
			throw e;
		}
		if (!grants(scopes.get(), need)) {
			throw new ForbiddenOperationException(
					"AuditEvent needs scope system/AuditEvent." + need.letter + " or user/AuditEvent." + need.letter);
		}
	}

	public static boolean grants(String scopes, Need need) {
		for (String scope : scopes.split(" ")) {
			int slash = scope.indexOf('/');
			if (slash < 0) {
				continue;
			}
			String context = scope.substring(0, slash);
			if (!context.equals("system") && !context.equals("user")) {
				continue;
			}
			String rest = scope.substring(slash + 1);
			if (!rest.startsWith("AuditEvent.")) {
				continue;
			}
			String permissions = rest.substring("AuditEvent.".length());
			if (permissions.equals("read") || permissions.equals("*")) {
				return true;
			}
			if (permissions.matches("c?r?u?d?s?") && permissions.indexOf(need.letter) >= 0) {
				return true;
			}
		}
		return false;
	}
}
