-- The node-local audit journal is gone (every audit record goes straight to PostgreSQL), and with it
-- the table that tracked how far each node's journal had been chained.
DROP TABLE IF EXISTS audit_journal_progress;
