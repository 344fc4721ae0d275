package io.smartvitals.interceptors.enforce;

/** Whether the caller may see (or write) one resource, and the scope, consent or rule that decided. */
public sealed interface Visibility {

	String rule();

	record Visible(String rule) implements Visibility {}

	record Hidden(String rule) implements Visibility {}

	default boolean visible() {
		return this instanceof Visible;
	}
}
