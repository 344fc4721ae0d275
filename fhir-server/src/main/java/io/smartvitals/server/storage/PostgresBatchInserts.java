package io.smartvitals.server.storage;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Lets the PostgreSQL driver rewrite Hibernate's JDBC batches into multi-row INSERTs, which HAPI's
 * many index rows per resource benefit from. H2 does not know the property, so it is only set
 * for PostgreSQL URLs.
 */
public class PostgresBatchInserts implements BeanPostProcessor {

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource dataSource
				&& dataSource.getJdbcUrl() != null
				&& DatabaseKind.fromJdbcUrl(dataSource.getJdbcUrl()) == DatabaseKind.POSTGRESQL) {
			dataSource.addDataSourceProperty("reWriteBatchedInserts", "true");
		}
		return bean;
	}
}
