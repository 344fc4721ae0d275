package io.smartvitals.audit.journal;

import io.smartvitals.audit.record.AuditRecord;
import java.util.List;

/**
 * What one read of the journal found.
 *
 * @param records whole entries, in the order they were written
 * @param next where the next read starts: after the last of {@code records}, or the start of the
 *     next segment once a finished segment has been read to its end
 * @param damagedBytes bytes at the end of a finished segment that are not a whole entry: the entry
 *     a crash cut short while it was written (never acknowledged), or damage
 */
public record JournalRead(List<AuditRecord> records, JournalPosition next, long damagedBytes) {}
