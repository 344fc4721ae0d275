package io.smartvitals.audit.store;

/**
 * SQL that handles many rows in one statement ({@code VALUES (..), (..)}, {@code IN (?, ?)}):
 * PostgreSQL then parses, plans and executes once per chunk instead of once per row, which is most
 * of the work of moving a batch of small audit rows. Chunks are at most {@link #MAX_ROWS} rows, so
 * a connection caches at most that many distinct statements per table.
 */
final class MultiRowSql {

	static final int MAX_ROWS = 64;

	private MultiRowSql() {}

	/** {@code INSERT INTO table (columns) VALUES (?,..),(?,..)} for {@code rows} rows of {@code columnCount} values. */
	static String insert(String table, String columns, int columnCount, int rows) {
		return insert(table, columns, columnCount, rows, "?");
	}

	/** As above, with the first row's first parameter written as {@code firstValue} (an expression holding one {@code ?}). */
	static String insert(String table, String columns, int columnCount, int rows, String firstValue) {
		String rest = ",?".repeat(columnCount - 1);
		StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (").append(columns).append(") VALUES ");
		for (int i = 0; i < rows; i++) {
			sql.append(i == 0 ? "(" + firstValue : ",(?").append(rest).append(')');
		}
		return sql.toString();
	}

	/** {@code DELETE FROM table WHERE column IN (?,..)} for {@code count} values. */
	static String deleteWhereIn(String table, String column, int count) {
		return "DELETE FROM " + table + " WHERE " + column + " IN (" + "?,".repeat(count - 1) + "?)";
	}
}
