package io.smartvitals.audit.journal;

import io.smartvitals.audit.record.Actor;
import io.smartvitals.audit.record.ActorKind;
import io.smartvitals.audit.record.AuditAction;
import io.smartvitals.audit.record.AuditRecord;
import io.smartvitals.audit.record.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * How a record is laid out in the journal: a frame of {@code [payload length][CRC-32C of the
 * payload][payload]}, the payload a versioned field-by-field encoding of the record. The checksum
 * finds the entry a crash cut short while it was being written (never acknowledged) and a damaged
 * one; it is not a seal against tampering: records are sealed by their chain once moved.
 */
final class EntryFormat {

	static final int HEADER_BYTES = 8;
	/** Far above the largest record (text fields are clipped); a larger length is damage. */
	static final int MAX_PAYLOAD = 8 << 20;
	private static final byte VERSION = 1;

	private EntryFormat() {}

	static byte[] frame(AuditRecord record) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeInt(0);
			out.writeInt(0);
			out.writeByte(VERSION);
			out.writeLong(record.time().toEpochMilli());
			text(out, record.tenant());
			text(out, record.actor().id());
			text(out, record.actor().kind().code());
			text(out, record.actor().owner());
			text(out, record.onBehalfOf());
			text(out, record.action().code());
			texts(out, record.resources());
			texts(out, record.patients());
			text(out, record.outcome().code());
			out.writeBoolean(record.status() != null);
			out.writeInt(record.status() == null ? 0 : record.status());
			text(out, record.rule());
			text(out, record.scopes());
			text(out, record.sourceAddress());
			text(out, record.requestId());
			text(out, record.detail());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		byte[] frame = bytes.toByteArray();
		int length = frame.length - HEADER_BYTES;
		CRC32C crc = new CRC32C();
		crc.update(frame, HEADER_BYTES, length);
		ByteBuffer.wrap(frame).putInt(length).putInt((int) crc.getValue());
		return frame;
	}

	/** Whether the payload is intact (its length was read from the frame's header). */
	static boolean intact(byte[] payload, int checksum) {
		CRC32C crc = new CRC32C();
		crc.update(payload);
		return (int) crc.getValue() == checksum;
	}

	static AuditRecord read(byte[] payload) throws IOException {
		DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload));
		byte version = in.readByte();
		if (version != VERSION) {
			throw new IOException("Unknown journal entry version " + version);
		}
		Instant time = Instant.ofEpochMilli(in.readLong());
		String tenant = text(in);
		Actor actor = new Actor(text(in), ActorKind.fromCode(text(in)), text(in));
		String onBehalfOf = text(in);
		AuditAction action = new AuditAction(text(in));
		List<String> resources = texts(in);
		List<String> patients = texts(in);
		Outcome outcome = Outcome.fromCode(text(in));
		boolean hasStatus = in.readBoolean();
		int status = in.readInt();
		return new AuditRecord(time, tenant, actor, onBehalfOf, action, resources, patients, outcome,
				hasStatus ? status : null, text(in), text(in), text(in), text(in), text(in));
	}

	private static void text(DataOutputStream out, String value) throws IOException {
		if (value == null) {
			out.writeInt(-1);
			return;
		}
		byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
		out.writeInt(utf8.length);
		out.write(utf8);
	}

	private static void texts(DataOutputStream out, List<String> values) throws IOException {
		out.writeInt(values.size());
		for (String value : values) {
			text(out, value);
		}
	}

	private static String text(DataInputStream in) throws IOException {
		int length = in.readInt();
		if (length < 0) {
			return null;
		}
		return new String(in.readNBytes(length), StandardCharsets.UTF_8);
	}

	private static List<String> texts(DataInputStream in) throws IOException {
		int count = in.readInt();
		List<String> values = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			values.add(text(in));
		}
		return values;
	}
}
