package io.smartvitals.audit.record;

/** Whether the actor is a person, a piece of software (a client), or cannot be told. */
public enum ActorKind {
	HUMAN("human"),
	NON_HUMAN("non-human"),
	UNKNOWN("unknown");

	private final String code;

	ActorKind(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}

	public static ActorKind fromCode(String code) {
		for (ActorKind kind : values()) {
			if (kind.code.equals(code)) {
				return kind;
			}
		}
		throw new IllegalArgumentException("Unknown actor kind: " + code);
	}
}
