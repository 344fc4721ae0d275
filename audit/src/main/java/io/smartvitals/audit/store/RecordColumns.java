package io.smartvitals.audit.store;

import io.smartvitals.audit.record.Actor;
import io.smartvitals.audit.record.ActorKind;
import io.smartvitals.audit.record.AuditAction;
import io.smartvitals.audit.record.AuditRecord;
import io.smartvitals.audit.record.Outcome;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The columns an {@link AuditRecord} occupies, the same in {@code audit_outbox} (waiting to be
 * chained) and {@code audit_record} (chained), so a record moves between them unchanged.
 */
final class RecordColumns {

	static final String NAMES = "tenant_id, recorded_at, actor_id, actor_kind, actor_owner, on_behalf_of, action, resources,"
			+ " patients, outcome, status, decided_by, scopes, source_address, request_id, detail";
	static final int COUNT = 16;

	private RecordColumns() {}

	/** Binds the record to parameters {@code first} .. {@code first + COUNT - 1}. */
	static void bind(PreparedStatement statement, int first, AuditRecord r) throws SQLException {
		int i = first;
		statement.setString(i++, r.tenant());
		statement.setObject(i++, OffsetDateTime.ofInstant(r.time(), ZoneOffset.UTC));
		statement.setString(i++, r.actor().id());
		statement.setString(i++, r.actor().kind().code());
		statement.setString(i++, r.actor().owner());
		statement.setString(i++, r.onBehalfOf());
		statement.setString(i++, r.action().code());
		statement.setString(i++, r.resources().isEmpty() ? null : String.join(" ", r.resources()));
		statement.setString(i++, r.patients().isEmpty() ? null : String.join(" ", r.patients()));
		statement.setString(i++, r.outcome().code());
		if (r.status() == null) {
			statement.setNull(i++, Types.INTEGER);
		} else {
			statement.setInt(i++, r.status());
		}
		statement.setString(i++, r.rule());
		statement.setString(i++, r.scopes());
		statement.setString(i++, r.sourceAddress());
		statement.setString(i++, r.requestId());
		statement.setString(i, r.detail());
	}

	/** The record in the current row (columns read by name). */
	static AuditRecord read(ResultSet rs) throws SQLException {
		int status = rs.getInt("status");
		Integer statusOrNull = rs.wasNull() ? null : status;
		return new AuditRecord(
				instant(rs, "recorded_at"),
				rs.getString("tenant_id"),
				new Actor(rs.getString("actor_id"), ActorKind.fromCode(rs.getString("actor_kind")), rs.getString("actor_owner")),
				rs.getString("on_behalf_of"),
				new AuditAction(rs.getString("action")),
				split(rs.getString("resources")),
				split(rs.getString("patients")),
				Outcome.fromCode(rs.getString("outcome")),
				statusOrNull,
				rs.getString("decided_by"),
				rs.getString("scopes"),
				rs.getString("source_address"),
				rs.getString("request_id"),
				rs.getString("detail"));
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static List<String> split(String joined) {
		return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(" "));
	}
}
