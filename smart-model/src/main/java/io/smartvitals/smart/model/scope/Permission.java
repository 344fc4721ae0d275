package io.smartvitals.smart.model.scope;

import java.util.EnumSet;

/** SMART v2 permissions, in the order the spec requires them to be written: c r u d s. */
public enum Permission {
	CREATE('c'),
	READ('r'),
	UPDATE('u'),
	DELETE('d'),
	SEARCH('s');

	private final char letter;

	Permission(char letter) {
		this.letter = letter;
	}

	public char letter() {
		return letter;
	}

	/** SMART v1 {@code read} means read and search. */
	static EnumSet<Permission> v1Read() {
		return EnumSet.of(READ, SEARCH);
	}

	/** SMART v1 {@code write} means create, update and delete. */
	static EnumSet<Permission> v1Write() {
		return EnumSet.of(CREATE, UPDATE, DELETE);
	}
}
