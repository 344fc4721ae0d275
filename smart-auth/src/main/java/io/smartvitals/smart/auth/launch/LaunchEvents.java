package io.smartvitals.smart.auth.launch;

/** Hears each launch context created (by the launch API or the launcher page), for the audit trail. */
@FunctionalInterface
public interface LaunchEvents {

	LaunchEvents NONE = context -> {};

	void created(LaunchContext context);
}
