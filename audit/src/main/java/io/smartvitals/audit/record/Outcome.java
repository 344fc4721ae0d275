package io.smartvitals.audit.record;

/** How the event ended: allowed and done, refused by a rule (401/403), or failed otherwise. */
public enum Outcome {
	SUCCESS("success"),
	DENIED("denied"),
	FAILED("failed");

	private final String code;

	Outcome(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}

	public static Outcome fromCode(String code) {
		for (Outcome outcome : values()) {
			if (outcome.code.equals(code)) {
				return outcome;
			}
		}
		throw new IllegalArgumentException("Unknown outcome: " + code);
	}

	/** 2xx/3xx success, 401/403 denied, anything else failed. */
	public static Outcome ofHttpStatus(int status) {
		if (status == 401 || status == 403) {
			return DENIED;
		}
		return status > 0 && status < 400 ? SUCCESS : FAILED;
	}
}
