package io.smartvitals.audit.write;

import java.util.Locale;

/**
 * How the records of FHIR requests that changed nothing are committed ({@code vitals.audit.read-commit}).
 * Records of changes (FHIR writes, admin calls) and security events are always committed
 * durably, whatever this says.
 */
public enum ReadCommit {
	/** The answer waits until the record is flushed to disk: nothing is lost, even if the database host fails. */
	DURABLE,
	/**
	 * The answer waits until the record is committed, not until PostgreSQL has flushed it (its
	 * {@code synchronous_commit = off}, for these records only): a server crash loses nothing, a
	 * crash of the database host can lose the records of the last moments (at most three times
	 * {@code wal_writer_delay}). On a busy 2-core machine this saves most of the read's audit cost.
	 */
	ASYNCHRONOUS;

	public static ReadCommit parse(String setting) {
		try {
			return valueOf(setting.strip().toUpperCase(Locale.ROOT));
		} catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("vitals.audit.read-commit must be durable or asynchronous, not " + setting, e);
		}
	}
}
