-- The tenant registry. Kept apart from HAPI's HFJ_* tables; portable between H2 and PostgreSQL.
CREATE TABLE vitals_tenant (
    id            VARCHAR(40)  NOT NULL PRIMARY KEY,
    display_name  VARCHAR(200) NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    plan          VARCHAR(40)  NOT NULL,
    partition_id  INTEGER      NOT NULL UNIQUE,
    created_at    TIMESTAMP    NOT NULL,
    updated_at    TIMESTAMP    NOT NULL,
    CONSTRAINT vitals_tenant_status CHECK (status IN ('ACTIVE', 'SUSPENDED'))
);
