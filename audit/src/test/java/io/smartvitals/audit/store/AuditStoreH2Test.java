package io.smartvitals.audit.store;

import javax.sql.DataSource;

/** The store's rules on H2 (the embedded default). */
class AuditStoreH2Test extends AuditStoreContract {

	private static final DataSource H2 = TestDatabases.h2();

	@Override
	DataSource dataSource() {
		return H2;
	}
}
