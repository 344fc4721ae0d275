-- How far each node's audit journal (vitals.audit.journal-dir) has been moved into the chains.
-- Moved in the same transaction as the records it counts, so a crash between the two can neither
-- lose a record nor chain one twice.
CREATE TABLE audit_journal_progress (
    journal_id    VARCHAR(64) NOT NULL PRIMARY KEY,
    segment       BIGINT      NOT NULL,
    entry_offset  BIGINT      NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
