package io.smartvitals.audit.record;

import java.util.Objects;

/**
 * Who acted: a user (human), a client (non-human, with the organisation or person that owns it when
 * known), the operator of the admin API, or nobody identified.
 *
 * @param owner for clients: who is answerable for the client (registration owner); else null
 */
public record Actor(String id, ActorKind kind, String owner) {

	public static final String ANONYMOUS = "anonymous";
	public static final String OPERATOR = "operator";

	public Actor {
		Objects.requireNonNull(kind, "kind");
		id = AuditText.clip(id == null || id.isBlank() ? ANONYMOUS : id, 256);
		owner = AuditText.clip(owner, 256);
	}

	public static Actor user(String id) {
		return new Actor(id, ActorKind.HUMAN, null);
	}

	public static Actor client(String clientId, String owner) {
		return new Actor(clientId, ActorKind.NON_HUMAN, owner);
	}

	/** Whoever holds the operator token: a person or automation, the token cannot tell. */
	public static Actor operator() {
		return new Actor(OPERATOR, ActorKind.UNKNOWN, null);
	}

	/** A request without any credential, or with one that was refused. */
	public static Actor anonymous() {
		return new Actor(ANONYMOUS, ActorKind.UNKNOWN, null);
	}
}
