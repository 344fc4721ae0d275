package io.smartvitals.server.storage;

import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;

/** The databases we support, told apart by JDBC URL, each with HAPI's own Hibernate dialect. */
public enum DatabaseKind {
	H2(HapiFhirH2Dialect.class.getName()),
	POSTGRESQL(HapiFhirPostgresDialect.class.getName());

	private final String hibernateDialect;

	DatabaseKind(String hibernateDialect) {
		this.hibernateDialect = hibernateDialect;
	}

	public String hibernateDialect() {
		return hibernateDialect;
	}

	public static DatabaseKind fromJdbcUrl(String url) {
		if (url != null && url.startsWith("jdbc:h2:")) {
			return H2;
		}
		if (url != null && url.startsWith("jdbc:postgresql:")) {
			return POSTGRESQL;
		}
		throw new IllegalArgumentException(
				"Unsupported database URL (use jdbc:h2: or jdbc:postgresql:): " + url);
	}
}
