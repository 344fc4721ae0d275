package io.smartvitals.interceptors.enforce;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import io.smartvitals.smart.model.scope.Interaction;

/**
 * What a FHIR request needs from the token's scopes, by HAPI's operation type. Every type HAPI
 * knows is listed; anything not explicitly handled is refused.
 */
public sealed interface Requirement {

	/** {@code metadata}: no token needed. */
	record Public() implements Requirement {}

	/** An interaction on one resource type; the resources it returns are then filtered one by one. */
	record OnType(String type, Interaction interaction) implements Requirement {}

	/** On one instance that must itself be visible (else 404, as for a missing id): instance history, $everything, $meta*. */
	record OnInstance(String type, Interaction interaction) implements Requirement {}

	/** System-level search and history: needs a {@code *} scope; results are filtered one by one. */
	record OnEveryType(Interaction interaction) implements Requirement {}

	/** Transaction or batch: each entry is checked as it is processed. */
	record PerEntry() implements Requirement {}

	/** A paging link: bound to its creator, results filtered one by one. */
	record Page() implements Requirement {}

	/** Only for backend (system/) tokens. */
	record SystemOnly(String what) implements Requirement {}

	record Refused(String rule) implements Requirement {}

	/**
	 * @param conditional whether the create/update/patch/delete is conditional (If-None-Exist or a search URL)
	 * @param hasId whether the URL names an instance
	 */
	static Requirement of(RestOperationTypeEnum op, String type, String operation, boolean conditional, boolean hasId) {
		if (op == null) {
			return new Refused("unrecognised request");
		}
		switch (op) {
			case METADATA:
				return new Public();
			case READ:
				return new OnType(type, Interaction.READ);
			case VREAD:
				return new OnType(type, Interaction.VREAD);
			case SEARCH_TYPE:
				return new OnType(type, Interaction.SEARCH);
			case SEARCH_SYSTEM:
			case HISTORY_SYSTEM:
				return new OnEveryType(Interaction.SEARCH);
			case HISTORY_TYPE:
				return new OnType(type, Interaction.TYPE_HISTORY);
			case HISTORY_INSTANCE:
				return new OnInstance(type, Interaction.INSTANCE_HISTORY);
			case CREATE:
				return new OnType(type, conditional ? Interaction.CONDITIONAL_CREATE : Interaction.CREATE);
			case UPDATE:
				return new OnType(type, conditional ? Interaction.CONDITIONAL_UPDATE : Interaction.UPDATE);
			case PATCH:
				return new OnType(type, conditional ? Interaction.CONDITIONAL_PATCH : Interaction.PATCH);
			case DELETE:
				return new OnType(type, conditional ? Interaction.CONDITIONAL_DELETE : Interaction.DELETE);
			case TRANSACTION:
			case BATCH:
				return new PerEntry();
			case GET_PAGE:
				return new Page();
			case EXTENDED_OPERATION_INSTANCE:
			case EXTENDED_OPERATION_TYPE:
			case EXTENDED_OPERATION_SERVER:
				return operation(op, type, operation, hasId);
			default:
				// GraphQL, tags, _meta (DSTU1), history rewrite, ValueSet shortcuts, ...
				return new Refused("interaction " + op.getCode() + " is not available to tenant tokens");
		}
	}

	private static Requirement operation(RestOperationTypeEnum op, String type, String operation, boolean hasId) {
		boolean instance = op == RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE && hasId;
		String name = operation == null ? "" : operation;
		switch (name) {
			case "$everything":
				return instance && "Patient".equals(type) ? new OnInstance(type, Interaction.READ)
						: new SystemOnly("$everything over all patients");
			case "$meta":
				return instance ? new OnInstance(type, Interaction.READ) : new SystemOnly("$meta over a type or the server");
			case "$meta-add":
			case "$meta-delete":
				return instance ? new OnInstance(type, Interaction.UPDATE) : new Refused(name + " needs an instance");
			case "$validate":
				return op == RestOperationTypeEnum.EXTENDED_OPERATION_TYPE ? new OnType(type, Interaction.CREATE)
						: new SystemOnly("$validate of a stored instance");
			case "$export":
			case "$export-poll-status":
			case "$export-file":
				// Backend clients only; the bulk export then narrows types by scope and binds the job to its client.
				return new SystemOnly(name);
			default:
				return new Refused("operation " + name + " is not available to tenant tokens");
		}
	}
}
