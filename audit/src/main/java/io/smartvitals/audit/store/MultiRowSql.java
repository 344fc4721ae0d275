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
		return "INSERT INTO " + table + " (" + columns + ") " + values(columnCount, rows);
	}

	/** {@code VALUES (?,..),(?,..)}: {@code rows} rows of {@code columnCount} parameters. */
	static String values(int columnCount, int rows) {
		String row = "(?" + ",?".repeat(columnCount - 1) + ")";
		StringBuilder sql = new StringBuilder("VALUES ").append(row);
		for (int i = 1; i < rows; i++) {
			sql.append(',').append(row);
		}
		return sql.toString();
	}

	/** {@code DELETE FROM table WHERE column IN (?,..)} for {@code count} values. */
	static String deleteWhereIn(String table, String column, int count) {
		return "DELETE FROM " + table + " WHERE " + column + " IN (" + "?,".repeat(count - 1) + "?)";
	}
}
