package io.smartvitals.audit.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** One transaction on a connection of its own: committed when the work returns, rolled back when it throws. */
final class JdbcTransaction {

	interface Work<T> {
		T run(Connection connection) throws SQLException;
	}

	private JdbcTransaction() {}

	static <T> T run(DataSource dataSource, Work<T> work) throws SQLException {
		try (Connection c = dataSource.getConnection()) {
			boolean autoCommit = c.getAutoCommit();
			c.setAutoCommit(false);
			try {
				T result = work.run(c);
				c.commit();
				return result;
			} catch (SQLException | RuntimeException e) {
				c.rollback();
				throw e;
			} finally {
				c.setAutoCommit(autoCommit);
			}
		}
	}
}
