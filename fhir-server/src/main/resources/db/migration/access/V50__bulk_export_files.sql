-- Output files of Bulk Data exports (HAPI Binary resources written by the Batch2 job): which job
-- wrote them, how many resources each holds (the manifest's count), and when they expire.
CREATE TABLE bulk_export_file (
    binary_id      VARCHAR(100) PRIMARY KEY,
    job_id         VARCHAR(100) NOT NULL,
    tenant         VARCHAR(40),
    resource_type  VARCHAR(64)  NOT NULL,
    resource_count INTEGER      NOT NULL,
    created_at     TIMESTAMP    NOT NULL
);
CREATE INDEX bulk_export_file_job ON bulk_export_file (job_id);
CREATE INDEX bulk_export_file_created ON bulk_export_file (created_at);
