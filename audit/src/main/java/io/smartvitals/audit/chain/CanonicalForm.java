package io.smartvitals.audit.chain;

import io.smartvitals.audit.record.AuditRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;

/**
 * The bytes a record's hash is taken over (documented in README, "Audit"): a JSON array without
 * whitespace, in this order:
 * <pre>
 * ["vitals-audit-v1", tenant, seq, time, actorId, actorKind, actorOwner, onBehalfOf, action,
 *  [resources...], [patients...], outcome, status, rule, scopes, sourceAddress, requestId, detail, prevHash]
 * </pre>
 * time is ISO-8601 UTC with exactly three fraction digits ({@code 2026-11-23T10:15:30.123Z}); seq
 * and status are JSON numbers; absent values are {@code null}; strings escape only {@code "},
 * {@code \} and control characters below U+0020 (as {@code \}{@code uXXXX}), everything else is
 * literal UTF-8. hash = lowercase hex SHA-256 of those UTF-8 bytes.
 */
public final class CanonicalForm {

	public static final String VERSION = "vitals-audit-v1";
	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
			.withZone(java.time.ZoneOffset.UTC);

	private CanonicalForm() {}

	public static String of(long seq, AuditRecord r, String prevHash) {
		StringBuilder json = new StringBuilder(512).append('[');
		string(json, VERSION).append(',');
		string(json, r.tenant()).append(',');
		json.append(seq).append(',');
		string(json, TIME.format(r.time())).append(',');
		string(json, r.actor().id()).append(',');
		string(json, r.actor().kind().code()).append(',');
		string(json, r.actor().owner()).append(',');
		string(json, r.onBehalfOf()).append(',');
		string(json, r.action().code()).append(',');
		list(json, r.resources()).append(',');
		list(json, r.patients()).append(',');
		string(json, r.outcome().code()).append(',');
		json.append(r.status() == null ? "null" : r.status().toString()).append(',');
		string(json, r.rule()).append(',');
		string(json, r.scopes()).append(',');
		string(json, r.sourceAddress()).append(',');
		string(json, r.requestId()).append(',');
		string(json, r.detail()).append(',');
		string(json, prevHash);
		return json.append(']').toString();
	}

	public static String hash(long seq, AuditRecord record, String prevHash) {
		return sha256Hex(of(seq, record, prevHash));
	}

	static String sha256Hex(String text) {
		try {
			return HexFormat.of().formatHex(
					MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is part of every JDK", e);
		}
	}

	private static StringBuilder list(StringBuilder json, List<String> values) {
		json.append('[');
		for (int i = 0; i < values.size(); i++) {
			if (i > 0) {
				json.append(',');
			}
			string(json, values.get(i));
		}
		return json.append(']');
	}

	private static StringBuilder string(StringBuilder json, String value) {
		if (value == null) {
			return json.append("null");
		}
		json.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '"' || c == '\\') {
				json.append('\\').append(c);
			} else if (c < 0x20) {
				json.append(String.format("\\u%04x", (int) c));
			} else {
				json.append(c);
			}
		}
		return json.append('"');
	}
}
