package io.smartvitals.smart.model.scope;

import java.util.EnumSet;
import java.util.Set;

/** FHIR REST interactions, each with the SMART permissions it needs on its resource type. */
public enum Interaction {
	READ(Permission.READ),
	VREAD(Permission.READ),
	INSTANCE_HISTORY(Permission.READ),
	SEARCH(Permission.SEARCH),
	TYPE_HISTORY(Permission.SEARCH),
	CREATE(Permission.CREATE),
	UPDATE(Permission.UPDATE),
	PATCH(Permission.UPDATE),
	DELETE(Permission.DELETE),
	/** Conditional forms search first: a match (or not) is itself information, so they also need s. */
	CONDITIONAL_CREATE(Permission.CREATE, Permission.SEARCH),
	CONDITIONAL_UPDATE(Permission.UPDATE, Permission.SEARCH),
	CONDITIONAL_PATCH(Permission.UPDATE, Permission.SEARCH),
	CONDITIONAL_DELETE(Permission.DELETE, Permission.SEARCH);

	private final Set<Permission> needs;

	Interaction(Permission first, Permission... rest) {
		this.needs = EnumSet.of(first, rest);
	}

	public Set<Permission> needs() {
		return needs;
	}
}
