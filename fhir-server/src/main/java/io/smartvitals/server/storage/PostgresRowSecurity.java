package io.smartvitals.server.storage;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * On PostgreSQL, wraps the connection pool so every connection is scoped to the tenant of the
 * request it serves ({@link TenantScopedDataSource}); the policies themselves are migration
 * {@code V61}. H2 has no row-level security: the embedded default keeps the first wall only.
 */
public class PostgresRowSecurity implements BeanPostProcessor {

	private final boolean enabled;

	public PostgresRowSecurity(boolean enabled) {
		this.enabled = enabled;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (enabled && bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
				&& DatabaseKind.fromJdbcUrl(pool.getJdbcUrl()) == DatabaseKind.POSTGRESQL) {
			return (DataSource) TenantScopedDataSource.forRequests(pool);
		}
		return bean;
	}
}
