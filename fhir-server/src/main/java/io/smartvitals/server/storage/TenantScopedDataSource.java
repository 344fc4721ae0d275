package io.smartvitals.server.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Hands out pooled PostgreSQL connections with the session setting {@code vitals.tenant} set to
 * the thread's {@link TenantRowScope}: every checkout sets it afresh, so a connection never
 * carries the previous borrower's tenant. The row-level-security policies compare each row's
 * tenant with it.
 */
public final class TenantScopedDataSource extends DelegatingDataSource {

	static final String SET_TENANT = "select set_config('vitals.tenant', ?, false)";
	private final Supplier<String> scope;

	private TenantScopedDataSource(DataSource pool, Supplier<String> scope) {
		super(pool);
		this.scope = scope;
	}

	/** Connections scoped to the tenant of the request the borrowing thread serves. */
	public static TenantScopedDataSource forRequests(DataSource pool) {
		return new TenantScopedDataSource(pool, TenantRowScope::current);
	}

	/**
	 * The same pool for the server's own cross-tenant work done on a request's thread: the audit
	 * group commit, where one request's thread chains the records of every tenant queued with its
	 * own. Its connections see every tenant whatever the thread. Anything else is returned as is.
	 */
	public static DataSource serverScoped(DataSource dataSource) {
		return dataSource instanceof TenantScopedDataSource scoped
				? new TenantScopedDataSource(scoped.getTargetDataSource(), () -> "")
				: dataSource;
	}

	@Override
	public Connection getConnection() throws SQLException {
		return scoped(super.getConnection());
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return scoped(super.getConnection(username, password));
	}

	private Connection scoped(Connection connection) throws SQLException {
		try (PreparedStatement set = connection.prepareStatement(SET_TENANT)) {
			set.setString(1, scope.get());
			set.execute();
			// A setting made inside a transaction that is later rolled back would revert to the
			// previous borrower's: commit it on its own.
			if (!connection.getAutoCommit()) {
				connection.commit();
			}
			return connection;
		} catch (SQLException e) {
			connection.close();
			throw e;
		}
	}
}
