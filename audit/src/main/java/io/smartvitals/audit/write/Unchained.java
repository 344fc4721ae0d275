package io.smartvitals.audit.write;

import java.io.IOException;
import java.sql.SQLException;

/** Records that are durable but not yet in their chains (the outbox of writes' records). */
public interface Unchained {

	/**
	 * Chains up to {@code max} of the waiting records.
	 *
	 * @return whether more may be waiting
	 */
	boolean chainSome(int max) throws SQLException, IOException;
}
