package io.smartvitals.smart.model.scope;

/** A scope string that is not valid SMART syntax; the authorization server answers {@code invalid_scope}. */
public class InvalidScopeException extends IllegalArgumentException {

	private final String scope;

	public InvalidScopeException(String scope, String reason) {
		super("Invalid scope '" + abbreviate(scope) + "': " + reason);
		this.scope = scope;
	}

	public String scope() {
		return scope;
	}

	private static String abbreviate(String scope) {
		return scope.length() > 80 ? scope.substring(0, 80) + "..." : scope;
	}
}
