package io.smartvitals.server.storage;

import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Says at start-up whether the row-level-security wall stands: PostgreSQL exempts superusers and
 * BYPASSRLS roles from every policy, so connecting as one silently leaves only the first wall.
 */
public final class RowSecurityCheck {

	private static final Logger log = LoggerFactory.getLogger(RowSecurityCheck.class);

	private RowSecurityCheck() {}

	/** True when policies apply to this pool's role; false (and a warning) when the role bypasses them. */
	public static boolean applies(DataSource dataSource) {
		if (!(dataSource instanceof TenantScopedDataSource)) {
			return false;
		}
		Boolean bypass = new JdbcTemplate(dataSource).queryForObject(
				"select rolsuper or rolbypassrls from pg_roles where rolname = current_user", Boolean.class);
		if (Boolean.TRUE.equals(bypass)) {
			log.warn("Row-level security is bypassed: the database role is a superuser or has BYPASSRLS;"
					+ " connect as an ordinary role (docs/operate/deployment.md, \"Row-level security\")");
			return false;
		}
		log.info("Row-level security applies: each request's connections see only its tenant's rows of our tables");
		return true;
	}
}
