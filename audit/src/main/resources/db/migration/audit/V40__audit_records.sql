-- Audit evidence, kept apart from clinical data (HAPI's HFJ_* tables) and from the auth tables.
-- Rows are only ever inserted; purge deletes a verified prefix of a chain and leaves a signed checkpoint.

-- One row per chain (a tenant, or '_server' for events outside any tenant): the head of the hash
-- chain. Writers lock it (SELECT ... FOR UPDATE) so that two nodes never fork a chain.
CREATE TABLE audit_chain_head (
    tenant_id      VARCHAR(64)  NOT NULL PRIMARY KEY,
    last_seq       BIGINT       NOT NULL,
    last_hash      VARCHAR(64)  NOT NULL,
    -- Retention in days for this tenant; NULL: the configured default (vitals.audit.retention).
    retention_days INTEGER,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE audit_record (
    tenant_id      VARCHAR(64)   NOT NULL,
    seq            BIGINT        NOT NULL,
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    actor_id       VARCHAR(256)  NOT NULL,
    actor_kind     VARCHAR(16)   NOT NULL,
    actor_owner    VARCHAR(256),
    on_behalf_of   VARCHAR(256),
    action         VARCHAR(64)   NOT NULL,
    resources      TEXT,
    patients       TEXT,
    outcome        VARCHAR(16)   NOT NULL,
    status         INTEGER,
    decided_by     VARCHAR(512),
    scopes         TEXT,
    source_address VARCHAR(64),
    request_id     VARCHAR(128),
    detail         TEXT,
    prev_hash      VARCHAR(64)   NOT NULL,
    hash           VARCHAR(64)   NOT NULL,
    PRIMARY KEY (tenant_id, seq)
);

CREATE INDEX audit_record_time ON audit_record (tenant_id, recorded_at);

-- Left by a purge: the last purged link of the chain, signed, so the remaining records still verify.
CREATE TABLE audit_checkpoint (
    tenant_id     VARCHAR(64)  NOT NULL,
    through_seq   BIGINT       NOT NULL,
    through_hash  VARCHAR(64)  NOT NULL,
    purged_count  BIGINT       NOT NULL,
    cutoff        TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    key_id        VARCHAR(64)  NOT NULL,
    signature     VARCHAR(128) NOT NULL,
    PRIMARY KEY (tenant_id, through_seq)
);
