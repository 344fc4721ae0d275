package io.smartvitals.audit.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MultiRowSqlTest {

	@Test
	void insertHasOneParameterGroupPerRow() {
		assertThat(MultiRowSql.insert("t", "a, b", 2, 3)).isEqualTo("INSERT INTO t (a, b) VALUES (?,?),(?,?),(?,?)");
		assertThat(MultiRowSql.insert("t", "a", 1, 1)).isEqualTo("INSERT INTO t (a) VALUES (?)");
	}

	@Test
	void valuesAloneAreTheSameRows() {
		assertThat(MultiRowSql.values(2, 2)).isEqualTo("VALUES (?,?),(?,?)");
	}

	@Test
	void deleteHasOneParameterPerValue() {
		assertThat(MultiRowSql.deleteWhereIn("t", "id", 3)).isEqualTo("DELETE FROM t WHERE id IN (?,?,?)");
		assertThat(MultiRowSql.deleteWhereIn("t", "id", 1)).isEqualTo("DELETE FROM t WHERE id IN (?)");
	}
}
