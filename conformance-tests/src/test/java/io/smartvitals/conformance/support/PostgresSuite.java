package io.smartvitals.conformance.support;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/** Base of every suite that needs the server on PostgreSQL; skipped (loudly) without one. */
public abstract class PostgresSuite {

	protected static RunningServer server;

	@BeforeAll
	static void serverOnPostgres() {
		server = RunningServer.onPostgres().orElse(null);
		Assumptions.assumeTrue(server != null, () -> "PostgreSQL suite skipped: " + RunningServer.whyUnavailable());
	}
}
